import { fullView } from '#domain/people/employee.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { employeesApi } from '#wiring/people.ts';
import {
  createEmployeeRoute,
  getEmployeeRoute,
  getPermissionsRoute,
  grantPermissionRoute,
  listEmployeesRoute,
  revokePermissionRoute,
  updateEmployeeRoute,
} from './routes.ts';

const employees = employeesApi();

export const handler = httpApi(
  [
    bindRoute(createEmployeeRoute, async ({ principal, body }) => {
      const created = await forBody(() => employees.create(principal, body));
      return {
        status: 201,
        body: fullView(created),
        headers: { etag: etagOf(created.version), location: `/v1/employees/${created.id}` },
      };
    }),
    bindPagedRoute(listEmployeesRoute, cursors, ({ principal, query }, page) => {
      const { limit: _l, cursor: _c, ...filter } = query;
      return employees.list(principal, filter, page);
    }),
    bindRoute(getEmployeeRoute, async ({ principal, params }) => {
      const view = await employees.read(principal, params.id);
      return {
        status: 200,
        body: view.employee,
        ...(view.visibility === 'full' ? { headers: { etag: etagOf(view.version) } } : {}),
      };
    }),
    bindRoute(updateEmployeeRoute, async ({ principal, params, body, expectedVersion }) => {
      const updated = await forBody(() => employees.update(principal, params.id, body, expectedVersion));
      return { status: 200, body: fullView(updated), headers: { etag: etagOf(updated.version) } };
    }),
    bindRoute(getPermissionsRoute, async ({ principal, params }) => ({
      status: 200,
      body: await employees.permissions.read(principal, params.id),
    })),
    bindRoute(grantPermissionRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await employees.permissions.decide(principal, params.id, {
        permission: params.permission,
        effect: 'allow',
        reason: body.reason,
      }),
    })),
    bindRoute(revokePermissionRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await employees.permissions.decide(principal, params.id, {
        permission: params.permission,
        effect: 'deny',
        reason: body.reason,
      }),
    })),
  ],
  apiOptions(),
);
