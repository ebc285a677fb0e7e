import type { DepartmentRecord } from '#domain/people/department.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { departmentsApi } from '#wiring/people.ts';
import {
  createDepartmentRoute,
  getDepartmentRoute,
  listDepartmentsRoute,
  updateDepartmentRoute,
} from './routes.ts';

const departments = departmentsApi();

const view = ({ createdAt: _c, updatedAt: _u, ...department }: DepartmentRecord) => department;

export const handler = httpApi(
  [
    bindRoute(createDepartmentRoute, async ({ principal, body }) => {
      const created = await forBody(() => departments.create(principal, body));
      return {
        status: 201,
        body: view(created),
        headers: { etag: etagOf(created.version), location: `/v1/departments/${created.id}` },
      };
    }),
    bindPagedRoute(listDepartmentsRoute, cursors, async ({ principal }, page) => {
      const result = await departments.list(principal, page);
      return { ...result, items: result.items.map(view) };
    }),
    bindRoute(getDepartmentRoute, async ({ principal, params }) => {
      const department = await departments.get(principal, params.id);
      return { status: 200, body: view(department), headers: { etag: etagOf(department.version) } };
    }),
    bindRoute(updateDepartmentRoute, async ({ principal, params, body, expectedVersion }) => {
      const updated = await forBody(() => departments.update(principal, params.id, body, expectedVersion));
      return { status: 200, body: view(updated), headers: { etag: etagOf(updated.version) } };
    }),
  ],
  apiOptions(),
);
