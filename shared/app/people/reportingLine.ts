import type { EmployeeRecord } from '#domain/people/employee.ts';
import { InvalidInputError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';

/** Deeper than any real organisation: a longer walk means the data itself is broken. */
const deepest = 30;

/**
 * The managers above someone, nearest first, read one GetItem per level (reporting lines are short).
 * Stops early once `until` is met.
 */
export async function managersAbove(
  employees: Pick<EmployeeStore, 'get'>,
  firstManagerId: string | undefined,
  until: (manager: EmployeeRecord) => boolean = () => false,
): Promise<EmployeeRecord[]> {
  const chain: EmployeeRecord[] = [];
  const seen = new Set<string>();
  let next = firstManagerId;
  while (next && chain.length < deepest) {
    if (seen.has(next)) break;
    seen.add(next);
    const manager = await employees.get(next);
    if (!manager) break;
    chain.push(manager);
    if (until(manager)) break;
    next = manager.managerId;
  }
  return chain;
}

/** Whether `managerId` is above the employee, directly or indirectly. */
export async function reportsTo(
  employees: Pick<EmployeeStore, 'get'>,
  employee: Pick<EmployeeRecord, 'managerId'>,
  managerId: string,
): Promise<boolean> {
  const chain = await managersAbove(employees, employee.managerId, (m) => m.id === managerId);
  return chain.some((m) => m.id === managerId);
}

/**
 * The reporting line above a new manager, refusing one that would make the employee manage
 * themselves through others (a cycle).
 */
export async function lineAboveNewManager(
  employees: Pick<EmployeeStore, 'get'>,
  employeeId: string,
  newManagerId: string,
): Promise<EmployeeRecord[]> {
  const chain = await managersAbove(employees, newManagerId, (m) => m.id === employeeId);
  if (chain.some((m) => m.id === employeeId)) {
    throw new InvalidInputError(
      'That manager reports to this employee: the reporting line would form a circle.',
      [{ field: 'managerId', message: `${newManagerId} reports to ${employeeId}, directly or indirectly` }],
      'manager_cycle',
    );
  }
  return chain;
}

/**
 * How a reader stands to someone whose records they ask for: the person themselves, a holder of the
 * area's read-all permission, or a manager above them; undefined (a 404 for the caller) otherwise.
 */
export async function readerStanding(
  employees: Pick<EmployeeStore, 'get'>,
  actor: Principal,
  employeeId: string,
  readAll: Parameters<Principal['permissions']['has']>[0],
): Promise<{ person: EmployeeRecord; as: 'self' | 'all' | 'line' } | undefined> {
  const person = await employees.get(employeeId);
  if (!person) return undefined;
  if (actor.employeeId === employeeId) return { person, as: 'self' };
  if (actor.permissions.has(readAll)) return { person, as: 'all' };
  return (await reportsTo(employees, person, actor.employeeId)) ? { person, as: 'line' } : undefined;
}
