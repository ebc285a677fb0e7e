import { CalendarDate, DepartmentId, EmailAddress, EmployeeId, TimeZone } from '#kernel/ids.ts';
import { type Bilingual, Locale } from '#kernel/locale.ts';
import { Role } from '#kernel/principal.ts';
import * as z from '#kernel/zod.ts';

export const HireChannel = z.enum(['campus', 'experienced_hire', 'internal_referral', 'agency', 'other']);
export const EmployeeStatus = z.enum(['active', 'resigning', 'left']);
export type EmployeeStatus = z.infer<typeof EmployeeStatus>;

/**
 * Employee. Items (table Hr), written together:
 *   pk = EMP#<id>               sk = PROFILE   gsi1pk = DEPT#<departmentId>  gsi1sk = <name>#<id>
 *                                              gsi2pk = MGR#<managerId>      gsi2sk = <name>#<id>
 *   pk = EMPSTATUS#<status>     sk = EMP#<id>  (index item: employees by status)
 *   pk = REFERRALS#<referrerId> sk = EMP#<id>  (index item: whom someone referred)
 * Access patterns: one employee (GetItem); by department (Query gsi1); direct reports (Query gsi2,
 * indirect ones level by level); by status; by referrer (Query the index item partitions).
 * These are the fields of an employee record, for input schemas to pick from.
 */
export const employeeFields = {
  id: EmployeeId,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The name in Latin script (pinyin or an English name), for readers of English: 王芳 → Wang Fang. */
  nameLatin: z.optional(
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(100),
        z.regex(/^[\p{Script=Latin}\p{M} .'-]+$/u, 'Latin letters only'),
      ),
  ),
  workEmail: EmailAddress,
  phone: z.string().check(z.regex(/^\+?[0-9 -]{6,20}$/, 'Digits, spaces and dashes, optionally after +')),
  departmentId: DepartmentId,
  position: z.string().check(z.minLength(1), z.maxLength(100)),
  managerId: z.optional(EmployeeId),
  hireDate: CalendarDate,
  hireChannel: HireChannel,
  referrerId: z.optional(EmployeeId),
  site: z.string().check(z.minLength(1), z.maxLength(100)),
  timeZone: TimeZone,
  locale: z._default(Locale, 'zh-CN'),
  keyPosition: z._default(z.boolean(), false),
  /** Their member id in the company's WeCom (企业微信), where notifications also reach them. */
  wecomUserId: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'A WeCom userid: letters, digits, _ . @ -, up to 64')),
  ),
  status: z._default(EmployeeStatus, 'active'),
  lastWorkingDay: z.optional(CalendarDate),
};

type Referable = { id?: string; hireChannel?: string; referrerId?: string | null; managerId?: string | null };

/** Rules across fields: an internal referral names its referrer; nobody refers or manages themselves. */
export const employeeRules = z.superRefine((e: Referable, ctx) => {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (e.hireChannel === 'internal_referral' && !e.referrerId)
    issue('referrerId', 'An internal referral names its referrer');
  if (e.referrerId && e.referrerId === e.id) issue('referrerId', 'Nobody refers themselves');
  if (e.managerId && e.managerId === e.id) issue('managerId', 'Nobody manages themselves');
});

export const Employee = z.object(employeeFields).check(employeeRules);

const { status: _status, lastWorkingDay: _lastWorkingDay, ...creatableFields } = employeeFields;

/** What HR gives to add someone: the record (new people are active) and the roles they sign in with. */
export const NewEmployee = z
  .strictObject({
    ...creatableFields,
    roles: z._default(z.array(Role).check(z.minLength(1), z.maxLength(6)), ['employee']),
  })
  .check(employeeRules, z.meta({ id: 'NewEmployee' }));
export type NewEmployee = z.infer<typeof NewEmployee>;
export type Employee = z.infer<typeof Employee>;

export const employeeKeys = {
  item: (id: string) => ({ pk: `EMP#${id}`, sk: 'PROFILE' }),
  byDepartment: (departmentId: string) => `DEPT#${departmentId}`,
  byManager: (managerId: string) => `MGR#${managerId}`,
  byStatus: (status: string) => `EMPSTATUS#${status}`,
  byReferrer: (referrerId: string) => `REFERRALS#${referrerId}`,
  byWeComUser: (userId: string) => `WECOMMEMBER#${userId}`,
  member: (id: string) => `EMP#${id}`,
};

/** The stored employee: the record plus its version, timestamps and how many report to them. */
export type EmployeeRecord = Employee & {
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Kept in step with managerId changes, so lists of reports know whom to descend into. */
  directReports: number;
};

/** A person's name for each reader: in Latin script for English where the record has one. */
export const nameOf = (e: { name: string; nameLatin?: string | undefined }): Bilingual => ({
  'zh-CN': e.name,
  en: e.nameLatin ?? e.name,
});

/** What anyone in the company may see of anyone: the directory. */
export const directoryView = (e: Employee) => ({
  id: e.id,
  name: e.name,
  ...(e.nameLatin ? { nameLatin: e.nameLatin } : {}),
  departmentId: e.departmentId,
  position: e.position,
});

/** What lists show to those allowed full records (index items carry exactly this). */
export const summaryView = (e: Employee) => ({
  ...directoryView(e),
  ...(e.managerId ? { managerId: e.managerId } : {}),
  status: e.status,
  keyPosition: e.keyPosition,
});

export function fullView(record: EmployeeRecord) {
  const { createdAt: _c, updatedAt: _u, directReports, ...employee } = record;
  return { ...employee, directReports };
}

const sortKeyOf = (e: Pick<Employee, 'id' | 'name'>) => `${e.name}#${e.id}`;

export function profileItem(record: EmployeeRecord) {
  return {
    ...employeeKeys.item(record.id),
    gsi1pk: employeeKeys.byDepartment(record.departmentId),
    gsi1sk: sortKeyOf(record),
    ...(record.managerId
      ? { gsi2pk: employeeKeys.byManager(record.managerId), gsi2sk: sortKeyOf(record) }
      : {}),
    type: 'Employee',
    ...record,
  };
}

/** The index items of an employee: by status, and by referrer when there is one. */
export function indexItems(employee: Employee) {
  const item = (pk: string) => ({
    pk,
    sk: employeeKeys.member(employee.id),
    type: 'EmployeeIndex',
    ...summaryView(employee),
  });
  return [
    item(employeeKeys.byStatus(employee.status)),
    ...(employee.referrerId ? [item(employeeKeys.byReferrer(employee.referrerId))] : []),
    ...(employee.wecomUserId ? [item(employeeKeys.byWeComUser(employee.wecomUserId))] : []),
  ];
}

/** The key a list of someone's reports resumes after, given the last report listed. */
export const reportsStartKey = (managerId: string, last: Pick<Employee, 'id' | 'name'>) => ({
  ...employeeKeys.item(last.id),
  gsi2pk: employeeKeys.byManager(managerId),
  gsi2sk: sortKeyOf(last),
});
