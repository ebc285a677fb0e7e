import { AccountStatus, Grant } from '#domain/people/access.ts';
import { EmployeeStatus, employeeFields, HireChannel, NewEmployee } from '#domain/people/employee.ts';
import { Permission, permissions } from '#domain/permissions.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, DepartmentId, EmployeeId, TimeZone } from '#kernel/ids.ts';
import { Locale } from '#kernel/locale.ts';
import { Role, roles } from '#kernel/principal.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const { managerId, referrerId } = employeeFields;

const Roles = z.array(Role).check(z.minLength(1), z.maxLength(roles.length));

/** Every field optional (a field not sent is not changed); `null` clears an optional one. */
export const EmployeeChangesInput = z
  .strictObject({
    name: z.optional(employeeFields.name),
    nameLatin: z.optional(z.nullable(employeeFields.nameLatin.def.innerType)),
    workEmail: z.optional(employeeFields.workEmail),
    phone: z.optional(employeeFields.phone),
    departmentId: z.optional(DepartmentId),
    position: z.optional(employeeFields.position),
    managerId: z.optional(z.nullable(EmployeeId)),
    hireDate: z.optional(CalendarDate),
    hireChannel: z.optional(HireChannel),
    referrerId: z.optional(z.nullable(EmployeeId)),
    site: z.optional(employeeFields.site),
    timeZone: z.optional(TimeZone),
    locale: z.optional(Locale),
    keyPosition: z.optional(z.boolean()),
    wecomUserId: z.optional(z.nullable(employeeFields.wecomUserId.def.innerType)),
    status: z.optional(EmployeeStatus),
    lastWorkingDay: z.optional(z.nullable(CalendarDate)),
    roles: z.optional(Roles),
  })
  .check(
    z.refine((changes) => Object.keys(changes).length > 0, 'Nothing to change'),
    z.meta({ id: 'EmployeeChanges' }),
  );

const EmployeeFull = z
  .object({
    ...employeeFields,
    managerId,
    referrerId,
    version: z.int().check(z.positive()),
    directReports: z.int().check(z.gte(0), z.lte(100_000)),
  })
  .check(z.meta({ id: 'Employee', description: 'The full record: oneself, HR, and managers above' }));
const EmployeeDirectoryEntry = z
  .object({
    id: EmployeeId,
    name: upTo(100),
    nameLatin: employeeFields.nameLatin,
    departmentId: DepartmentId,
    position: upTo(100),
  })
  .check(z.meta({ id: 'DirectoryEntry', description: 'What everyone may see of everyone' }));
const EmployeeSummary = z
  .object({
    ...EmployeeDirectoryEntry.shape,
    managerId: z.optional(EmployeeId),
    status: EmployeeStatus,
    keyPosition: z.boolean(),
  })
  .check(z.meta({ id: 'EmployeeSummary' }));

const ById = z.object({ id: EmployeeId });

/** Filters that combine (each given one must hold); without any, HR lists everyone. */
export const EmployeeListQuery = z.strictObject({
  ...PageQuery.shape,
  departmentId: z.optional(
    DepartmentId.check(z.describe('The directory of a department (everyone may read it)')),
  ),
  managerId: z.optional(
    EmployeeId.check(
      z.describe("A manager's reports (HR, or managers in their own line); indirect=true for the whole tree"),
    ),
  ),
  indirect: z._default(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    ),
    false,
  ),
  status: z.optional(EmployeeStatus.check(z.describe('HR only'))),
  referrerId: z.optional(EmployeeId.check(z.describe('Whom someone referred (HR only)'))),
  name: z.optional(
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(50),
        z.describe(
          'Whose name in either script (name or nameLatin), or a word of it, starts with this, in any case: 王 or wang finds 王芳 (Wang Fang)',
        ),
      ),
  ),
});

const Decision = z.strictObject({ reason: z.string().check(z.minLength(3), z.maxLength(500)) });
const PermissionPath = z.object({ id: EmployeeId, permission: Permission });
const PermissionsView = z
  .object({
    employeeId: EmployeeId,
    status: AccountStatus,
    roles: z.array(Role).check(z.maxLength(roles.length)),
    permissions: z
      .array(
        z.object({ permission: Permission, sources: z.array(upTo(40)).check(z.maxLength(roles.length + 1)) }),
      )
      .check(z.maxLength(permissions.length)),
    grants: z.array(Grant).check(z.maxLength(permissions.length)),
  })
  .check(z.meta({ id: 'Permissions' }));

const tag = 'employees';

export const createEmployeeRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees',
  operationId: 'createEmployee',
  problems: ['employee_exists', 'reference_not_found', 'manager_cycle', 'account_exists'],
  summary: 'Add an employee (HR); their sign-in identity follows',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewEmployee,
  responses: { 201: { description: 'Created', body: EmployeeFull, headers: ['ETag', 'Location'] } },
});

export const listEmployeesRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees',
  operationId: 'listEmployees',
  summary:
    'Employees, by any of department, manager (indirect=true for the whole tree), status and referrer, combined',
  tag,
  auth: 'jwt',
  query: EmployeeListQuery,
  responses: {
    200: { description: 'A page', body: pageOf(z.union([EmployeeSummary, EmployeeDirectoryEntry])) },
  },
});

export const getEmployeeRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}',
  operationId: 'getEmployee',
  summary: 'One employee: the full record where allowed, else the directory entry',
  tag,
  auth: 'jwt',
  params: ById,
  responses: {
    200: {
      description: 'The employee',
      body: z.union([EmployeeFull, EmployeeDirectoryEntry]),
      headers: ['ETag'],
    },
  },
});

export const updateEmployeeRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/employees/{id}',
  operationId: 'updateEmployee',
  problems: ['field_not_allowed', 'reference_not_found', 'manager_cycle', 'reporting_line_changed'],
  summary: 'Change an employee (HR: all but the id; everyone: their own contact details)',
  tag,
  auth: 'jwt',
  params: ById,
  body: EmployeeChangesInput,
  requiresIfMatch: true,
  responses: { 200: { description: 'Changed', body: EmployeeFull, headers: ['ETag'] } },
});

export const getPermissionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/permissions',
  operationId: 'getPermissions',
  summary: 'Effective permissions with their sources',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'Permissions', body: PermissionsView } },
});

export const grantPermissionRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/permissions/{permission}/grant',
  operationId: 'grantPermission',
  problems: ['self_decision', 'access_changed'],
  summary: 'Grant a permission (HR admins), with the reason',
  tag,
  auth: 'jwt',
  params: PermissionPath,
  body: Decision,
  responses: { 200: { description: 'Permissions after the grant', body: PermissionsView } },
});

export const revokePermissionRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/permissions/{permission}/revoke',
  operationId: 'revokePermission',
  problems: ['self_decision', 'access_changed'],
  summary: 'Revoke a permission (HR admins), with the reason; effective on the next request',
  tag,
  auth: 'jwt',
  params: PermissionPath,
  body: Decision,
  responses: { 200: { description: 'Permissions after the revocation', body: PermissionsView } },
});

export const employeeRoutes = [
  createEmployeeRoute,
  listEmployeesRoute,
  getEmployeeRoute,
  updateEmployeeRoute,
  getPermissionsRoute,
  grantPermissionRoute,
  revokePermissionRoute,
] as const;
