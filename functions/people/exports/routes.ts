import { EmployeeStatus } from '#domain/people/employee.ts';
import { ExportLink, exportBody } from '#http/exports.ts';
import { defineRoute } from '#http/route.ts';
import { DepartmentId, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { EmployeeListQuery } from '../employees/routes.ts';

/** The list's filters, as JSON: the same ones, combined the same way. */
const EmployeeExportFilter = z
  .strictObject({
    departmentId: z.optional(DepartmentId),
    managerId: z.optional(EmployeeId),
    indirect: z.optional(z.boolean()),
    status: z.optional(EmployeeStatus),
    referrerId: z.optional(EmployeeId),
    name: EmployeeListQuery.shape.name,
  })
  .check(z.meta({ id: 'EmployeeExportFilter' }));

/** Its own function: the only people function that may write export files to the reports bucket. */
export const exportEmployeesRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/exports',
  operationId: 'exportEmployees',
  refusalsLogged: { action: 'employee.export', target: () => 'employees', everyone: true },
  problems: ['export_over_cap'],
  summary:
    'Export the employees under a filter as CSV, with names beside ids (needs employee:export; recorded)',
  tag: 'employees',
  auth: 'jwt',
  body: exportBody(EmployeeExportFilter),
  responses: { 201: { description: 'The export', body: ExportLink } },
});

export const employeeExportRoutes = [exportEmployeesRoute] as const;
