import { privilegedRoles } from '#domain/access.ts';
import type { Employee, EmployeeRecord, NewEmployee } from '#domain/employee.ts';
import { ConflictError } from '#domain/errors.ts';
import { hrEvents } from '#domain/events.ts';
import type { Role } from '#domain/permissions.ts';
import { type Principal, requirePermission } from '#domain/principal.ts';
import type { AccessStore } from '#ports/accessStore.ts';
import type { Clock } from '#ports/clock.ts';
import type { EmployeeStore } from '#ports/employeeStore.ts';
import type { EventBus } from '#ports/eventBus.ts';
import type { EvidenceLog } from '#ports/evidenceLog.ts';
import { combineChanges, committing } from '#ports/writes.ts';

export interface CreateEmployeeDeps {
  employees: EmployeeStore;
  access: AccessStore;
  evidence: EvidenceLog;
  bus: EventBus;
  clock: Clock;
}

/** Roles beyond employee and manager are permissions in disguise: only those who manage permissions give them. */
export function requireRoleAuthority(actor: Principal, roles: readonly Role[]): void {
  if (roles.some((r) => privilegedRoles.includes(r))) requirePermission(actor, 'permission:manage');
}

const sameEmployee = (stored: EmployeeRecord, input: Employee) =>
  (Object.keys(input) as (keyof Employee)[]).every((k) => stored[k] === input[k]);

/**
 * HR adds an employee: the record, its account with the given roles, and an evidence entry commit
 * together; the sign-in identity follows from the EmployeesCreated event. Creating the same employee
 * again is harmless (it answers the stored one); creating a different one under a taken id is 409.
 */
export const makeCreateEmployee =
  ({ employees, access, evidence, bus, clock }: CreateEmployeeDeps) =>
  async (actor: Principal, input: NewEmployee): Promise<EmployeeRecord> => {
    requirePermission(actor, 'employee:manage');
    requireRoleAuthority(actor, input.roles);
    const { roles, ...fields } = input;
    const employee: Employee = { ...fields, status: 'active' };

    const existing = await employees.get(employee.id, { consistent: true });
    if (existing) {
      if (!sameEmployee(existing, employee)) {
        throw new ConflictError(
          'employee_exists',
          `Employee ${employee.id} already exists with other details.`,
        );
      }
      const account = await access.getAccess(employee.id);
      if (account?.identity === 'pending') {
        await bus.publish([
          { detailType: hrEvents.employeesCreated, detail: { employeeIds: [employee.id] } },
        ]);
      }
      return existing;
    }

    const at = clock.now().toISOString();
    const change = combineChanges(
      employees.prepareCreate(employee, at),
      access.prepareAccount(employee.id, roles, at),
    );
    await committing(change, (writes) =>
      evidence.append(
        [
          {
            actor: actor.employeeId,
            action: 'employee.created',
            subject: `employee:${employee.id}`,
            details: {
              roles,
              departmentId: employee.departmentId,
              managerId: employee.managerId ?? null,
              hireChannel: employee.hireChannel,
              referrerId: employee.referrerId ?? null,
            },
          },
        ],
        { alongside: writes },
      ),
    );
    await bus.publish([{ detailType: hrEvents.employeesCreated, detail: { employeeIds: [employee.id] } }]);
    return { ...employee, version: 1, createdAt: at, updatedAt: at, directReports: 0 };
  };
