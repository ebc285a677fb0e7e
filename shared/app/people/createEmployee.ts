import { privilegedRoles } from '#domain/people/access.ts';
import type { Employee, EmployeeRecord, NewEmployee } from '#domain/people/employee.ts';
import { employeesCreated } from '#domain/people/events/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { ConflictError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import type { Role } from '#kernel/principal.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { AccessStore } from '#ports/people/accessStore.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';

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
        await bus.publish([eventOf(employeesCreated, { employeeIds: [employee.id] })]);
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
    await bus.publish([eventOf(employeesCreated, { employeeIds: [employee.id] })]);
    return { ...employee, version: 1, createdAt: at, updatedAt: at, directReports: 0 };
  };
