import { CalendarDate, DepartmentId, EmployeeId } from './ids.ts';
import * as z from './zod.ts';

export const HireChannel = z.enum(['campus', 'experienced_hire', 'internal_referral', 'agency', 'other']);
export const EmployeeStatus = z.enum(['active', 'resigning', 'left']);
export const Locale = z.enum(['zh-CN', 'en']);

/**
 * Employee. Items (table Hr), written together:
 *   pk = EMP#<id>               sk = PROFILE   gsi1pk = DEPT#<departmentId>  gsi1sk = <name>#<id>
 *                                              gsi2pk = MGR#<managerId>      gsi2sk = <name>#<id>
 *   pk = EMPSTATUS#<status>     sk = EMP#<id>  (index item: employees by status)
 *   pk = REFERRALS#<referrerId> sk = EMP#<id>  (index item: whom someone referred)
 * Access patterns: one employee (GetItem); by department (Query gsi1); direct reports (Query gsi2,
 * indirect ones level by level); by status; by referrer (Query the index item partitions).
 */
export const Employee = z
  .object({
    id: EmployeeId,
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    workEmail: z.email(),
    phone: z.string().check(z.regex(/^\+?[0-9 -]{6,20}$/)),
    departmentId: DepartmentId,
    position: z.string().check(z.minLength(1), z.maxLength(100)),
    managerId: z.optional(EmployeeId),
    hireDate: CalendarDate,
    hireChannel: HireChannel,
    referrerId: z.optional(EmployeeId),
    site: z.string().check(z.minLength(1), z.maxLength(100)),
    timeZone: z.string().check(z.minLength(1)),
    locale: z._default(Locale, 'zh-CN'),
    keyPosition: z._default(z.boolean(), false),
    status: z._default(EmployeeStatus, 'active'),
    lastWorkingDay: z.optional(CalendarDate),
  })
  .check(
    z.superRefine((e, ctx) => {
      const issue = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [field], message });
      if (e.hireChannel === 'internal_referral' && !e.referrerId)
        issue('referrerId', 'An internal referral names its referrer');
      if (e.referrerId && e.referrerId === e.id) issue('referrerId', 'Nobody refers themselves');
      if (e.managerId && e.managerId === e.id) issue('managerId', 'Nobody manages themselves');
    }),
  );
export type Employee = z.infer<typeof Employee>;

export const employeeKeys = {
  item: (id: string) => ({ pk: `EMP#${id}`, sk: 'PROFILE' }),
  byDepartment: (departmentId: string) => `DEPT#${departmentId}`,
  byManager: (managerId: string) => `MGR#${managerId}`,
  byStatus: (status: string) => `EMPSTATUS#${status}`,
  byReferrer: (referrerId: string) => `REFERRALS#${referrerId}`,
  member: (id: string) => `EMP#${id}`,
};

/** Every item that represents the employee: the profile and its index items. */
export function employeeItems(employee: Employee, meta: { at: string; version: number }) {
  const order = `${employee.name}#${employee.id}`;
  const profile = {
    ...employeeKeys.item(employee.id),
    gsi1pk: employeeKeys.byDepartment(employee.departmentId),
    gsi1sk: order,
    ...(employee.managerId ? { gsi2pk: employeeKeys.byManager(employee.managerId), gsi2sk: order } : {}),
    type: 'Employee',
    ...employee,
    version: meta.version,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  const index = (pk: string) => ({
    pk,
    sk: employeeKeys.member(employee.id),
    type: 'EmployeeIndex',
    name: employee.name,
  });
  return [
    profile,
    index(employeeKeys.byStatus(employee.status)),
    ...(employee.referrerId ? [index(employeeKeys.byReferrer(employee.referrerId))] : []),
  ];
}
