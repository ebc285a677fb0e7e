import { Department } from '#domain/people/department.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { DepartmentId, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const DepartmentView = z
  .object({ ...Department.shape, version: z.number() })
  .check(z.meta({ id: 'Department' }));
const DepartmentChanges = z
  .strictObject({
    name: z.optional(Department.shape.name),
    nameEn: z.optional(z.nullable(Department.shape.nameEn.def.innerType)),
    parentId: z.optional(z.nullable(DepartmentId)),
    headId: z.optional(z.nullable(EmployeeId)),
  })
  .check(z.refine((c) => Object.keys(c).length > 0, 'Nothing to change'));
const ById = z.object({ id: DepartmentId });
const tag = 'departments';

export const createDepartmentRoute = defineRoute({
  method: 'POST',
  path: '/v1/departments',
  operationId: 'createDepartment',
  problems: ['department_exists', 'reference_not_found'],
  summary: 'Add a department (HR)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: z.strictObject(Department.shape),
  responses: { 201: { description: 'Created', body: DepartmentView, headers: ['ETag', 'Location'] } },
});

export const listDepartmentsRoute = defineRoute({
  method: 'GET',
  path: '/v1/departments',
  operationId: 'listDepartments',
  summary: 'Every department, by name',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(DepartmentView) } },
});

export const getDepartmentRoute = defineRoute({
  method: 'GET',
  path: '/v1/departments/{id}',
  operationId: 'getDepartment',
  summary: 'One department',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The department', body: DepartmentView, headers: ['ETag'] } },
});

export const updateDepartmentRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/departments/{id}',
  operationId: 'updateDepartment',
  problems: ['department_cycle', 'reference_not_found'],
  summary: 'Change a department (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  body: DepartmentChanges,
  requiresIfMatch: true,
  responses: { 200: { description: 'Changed', body: DepartmentView, headers: ['ETag'] } },
});

export const departmentRoutes = [
  createDepartmentRoute,
  listDepartmentsRoute,
  getDepartmentRoute,
  updateDepartmentRoute,
] as const;
