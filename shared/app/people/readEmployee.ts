import { directoryView, type EmployeeRecord, fullView } from '#domain/people/employee.ts';
import { NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import { reportsTo } from './reportingLine.ts';

export type EmployeeView =
  | { visibility: 'full'; employee: ReturnType<typeof fullView> }
  | { visibility: 'directory'; employee: ReturnType<typeof directoryView> };

/** Full records for oneself, HR, and managers above the employee; the directory for everyone else. */
export async function canSeeFullRecord(
  employees: Pick<EmployeeStore, 'get'>,
  actor: Principal,
  employee: EmployeeRecord,
): Promise<boolean> {
  if (actor.employeeId === employee.id || actor.permissions.has('employee:manage')) return true;
  return (
    actor.permissions.has('employee:read:team') && (await reportsTo(employees, employee, actor.employeeId))
  );
}

export const makeReadEmployee =
  ({ employees }: { employees: EmployeeStore }) =>
  async (actor: Principal, id: string): Promise<EmployeeView & { version: number }> => {
    const employee = await employees.get(id);
    if (!employee) throw new NotFoundError(`Employee ${id}`);
    if (await canSeeFullRecord(employees, actor, employee)) {
      return { visibility: 'full', employee: fullView(employee), version: employee.version };
    }
    if (!actor.permissions.has('employee:read:directory')) {
      throw PermissionDeniedError.needs('employee:read:directory');
    }
    return { visibility: 'directory', employee: directoryView(employee), version: employee.version };
  };
