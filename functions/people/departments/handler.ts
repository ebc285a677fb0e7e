import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeDepartmentStore } from '#adapters/aws/people/departmentStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeDepartments } from '#app/people/departments.ts';
import type { DepartmentRecord } from '#domain/people/department.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { powertoolsIdempotencyGuard } from '#http/powertoolsIdempotency.ts';
import { bindRoute } from '#http/route.ts';
import {
  createDepartmentRoute,
  getDepartmentRoute,
  listDepartmentsRoute,
  updateDepartmentRoute,
} from './routes.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const departments = makeDepartments({ departments: makeDepartmentStore(table), writes: table, clock });
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);

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
    bindRoute(listDepartmentsRoute, async ({ principal, query }) => {
      const scope = `listDepartments ${principal.employeeId}`;
      const result = await departments.list(principal, await pageRequest(cursors, query, scope));
      const page = await pageResponse(cursors, result, scope);
      return { status: 200, body: { ...page, items: page.items.map(view) } };
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
  {
    logger,
    accessStore: makeAccessStore(dynamo, config('hrTable')),
    idempotency: powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
  },
);
