import type { EvidenceDraft } from '#domain/evidence/index.ts';
import { Employee, type EmployeeRecord } from '#domain/people/employee.ts';
import { accountDisabled, rolesChanged as rolesChangedEvent } from '#domain/people/events/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  FieldsNotAllowedError,
  InvalidInputError,
  invalidFields,
  NotFoundError,
  PermissionDeniedError,
  requireVersion,
} from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import type { Principal, Role } from '#kernel/principal.ts';
import { combineChanges, committing, type PreparedChange } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { AccessStore } from '#ports/people/accessStore.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import { requireRoleAuthority } from './createEmployee.ts';
import { lineAboveNewManager } from './reportingLine.ts';

/** `null` clears an optional field (a manager, a referrer). */
export type EmployeeChanges = {
  [K in Exclude<keyof Employee, 'id'>]?: undefined extends Employee[K] ? Employee[K] | null : Employee[K];
} & { roles?: Role[] };

/** What people may change in their own record; everything else is HR's. */
export const selfEditableFields = ['phone', 'site', 'timeZone', 'locale'] as const;

export interface UpdateEmployeeDeps {
  employees: EmployeeStore;
  access: AccessStore;
  evidence: EvidenceLog;
  bus: EventBus;
  clock: Clock;
}

function authorize(actor: Principal, target: EmployeeRecord, changes: EmployeeChanges): void {
  const fields = Object.keys(changes);
  if (actor.permissions.has('employee:manage')) {
    if (changes.roles && target.id === actor.employeeId) {
      throw new FieldsNotAllowedError(['roles']); // nobody changes their own roles
    }
    return;
  }
  if (actor.employeeId !== target.id)
    throw new PermissionDeniedError("Only HR changes other people's records.");
  const forbidden = fields.filter((f) => !(selfEditableFields as readonly string[]).includes(f));
  if (forbidden.length > 0) throw new FieldsNotAllowedError(forbidden);
}

/** Field by field, what changed: the evidence of an update. */
function differences(before: Employee, after: Employee) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof Employee)[]);
  return Object.fromEntries(
    [...keys]
      .filter((k) => before[k] !== after[k])
      .map((k) => [k, { from: before[k] ?? null, to: after[k] ?? null }]),
  );
}

/**
 * Changes an employee under optimistic locking. HR may change everything but the id (roles beyond
 * employee and manager only with permission:manage, and never their own); everyone may change their
 * own contact details. The record, its index items, the managers' report counts, the account's roles
 * (and its status: someone marked as left is disabled at once) and the evidence commit together.
 */
export const makeUpdateEmployee =
  ({ employees, access, evidence, bus, clock }: UpdateEmployeeDeps) =>
  async (
    actor: Principal,
    id: string,
    changes: EmployeeChanges,
    expectedVersion: number | undefined,
  ): Promise<EmployeeRecord> => {
    const before = await employees.get(id, { consistent: true });
    if (!before) throw new NotFoundError(`Employee ${id}`);
    authorize(actor, before, changes);
    requireVersion(before.version, expectedVersion);

    const { roles, ...fieldChanges } = changes;
    const { version: _v, createdAt: _c, updatedAt: _u, directReports: _d, ...current } = before;
    const merged = Object.fromEntries(
      Object.entries({ ...current, ...fieldChanges }).filter(
        ([, value]) => value !== null && value !== undefined,
      ),
    );
    const parsed = Employee.safeParse(merged);
    if (!parsed.success) throw invalidFields(parsed.error.issues);
    const after = parsed.data;

    const newManagerLine =
      after.managerId && after.managerId !== before.managerId
        ? await lineAboveNewManager(employees, id, after.managerId)
        : undefined;

    const at = clock.now().toISOString();
    const changed = differences(current, after);
    const drafts: EvidenceDraft[] = [];
    const parts: PreparedChange[] = [];
    if (Object.keys(changed).length > 0) {
      parts.push(employees.prepareUpdate(before, after, at, newManagerLine ? { newManagerLine } : {}));
      drafts.push({
        actor: actor.employeeId,
        action: 'employee.updated',
        subject: `employee:${id}`,
        details: { changes: changed },
      });
    }
    let rolesChanged = false;
    // Someone HR marks as left loses access with this change: the next request is refused, and their
    // identity follows (disabled, signed out) by AccountDisabled.
    const leaving = after.status === 'left' && before.status !== 'left';
    // Both would write the account item, which one transaction cannot do twice.
    if (leaving && roles)
      throw new InvalidInputError('Change the roles and mark as left in separate requests.', [
        { field: 'roles', message: 'Not in the request that marks the employee as left' },
      ]);
    const account = roles || leaving ? await access.getAccess(id) : undefined;
    let disabling = false;
    if (leaving && account?.status === 'enabled') {
      parts.push(access.prepareStatus(account, 'disabled', at));
      drafts.push({
        actor: actor.employeeId,
        action: 'account.disabled',
        subject: `employee:${id}`,
        reason: 'Marked as left',
        details: { status: { from: before.status, to: 'left' } },
      });
      disabling = true;
    }
    if (roles) {
      if (!account) throw new NotFoundError(`The account of ${id}`);
      if ([...roles].sort().join() !== [...account.roles].sort().join()) {
        requireRoleAuthority(actor, [...account.roles, ...roles]);
        parts.push(access.prepareRoles(account, roles, at));
        drafts.push({
          actor: actor.employeeId,
          action: 'roles.changed',
          subject: `employee:${id}`,
          details: { from: account.roles, to: roles },
        });
        rolesChanged = true;
      }
    }
    if (parts.length === 0) return before;

    await committing(combineChanges(...parts), (writes) => evidence.append(drafts, { alongside: writes }));
    const events = [
      ...(rolesChanged ? [eventOf(rolesChangedEvent, { employeeId: id })] : []),
      ...(disabling ? [eventOf(accountDisabled, { employeeId: id })] : []),
    ];
    if (events.length > 0) await bus.publish(events);
    const changedRecord = drafts.some((d) => d.action === 'employee.updated');
    return changedRecord
      ? {
          ...after,
          version: before.version + 1,
          createdAt: before.createdAt,
          updatedAt: at,
          directReports: before.directReports,
        }
      : before;
  };
