import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeDepartmentStore } from '#adapters/aws/people/departmentStore.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeEventBridgeBus } from '#adapters/aws/platform/eventBridgeBus.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeCreateEmployee } from '#app/people/createEmployee.ts';
import { makeImportEmployees } from '#app/people/importEmployees.ts';
import { makeListEmployees } from '#app/people/listEmployees.ts';
import { makePermissions } from '#app/people/permissions.ts';
import { makeReadEmployee } from '#app/people/readEmployee.ts';
import { makeUpdateEmployee } from '#app/people/updateEmployee.ts';
import { fullView } from '#domain/people/employee.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { powertoolsIdempotencyGuard } from '#http/powertoolsIdempotency.ts';
import { bindRoute } from '#http/route.ts';
import {
  createEmployeeRoute,
  getEmployeeRoute,
  getPermissionsRoute,
  grantPermissionRoute,
  importEmployeesRoute,
  listEmployeesRoute,
  revokePermissionRoute,
  updateEmployeeRoute,
} from './routes.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const employees = makeEmployeeStore(table);
const access = makeAccessStore(dynamo, config('hrTable'));
const evidence = makeEvidenceLog(dynamo, config('evidenceTable'), clock);
const bus = resolvePort('eventBus', () => makeEventBridgeBus(config('eventBus')));
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);
const deps = { employees, access, evidence, bus, clock };

const createEmployee = makeCreateEmployee(deps);
const readEmployee = makeReadEmployee(deps);
const updateEmployee = makeUpdateEmployee(deps);
const listEmployees = makeListEmployees(deps);
const importEmployees = makeImportEmployees({ ...deps, departments: makeDepartmentStore(table) });
const permissions = makePermissions(deps);

export const handler = httpApi(
  [
    bindRoute(createEmployeeRoute, async ({ principal, body }) => {
      const created = await forBody(() => createEmployee(principal, body));
      return {
        status: 201,
        body: fullView(created),
        headers: { etag: etagOf(created.version), location: `/v1/employees/${created.id}` },
      };
    }),
    bindRoute(listEmployeesRoute, async ({ principal, query }) => {
      const { limit, cursor, indirect, ...filters } = query;
      const filter = filters.managerId ? { managerId: filters.managerId, indirect } : filters;
      const scope = `listEmployees ${principal.employeeId} ${JSON.stringify(filter)}`;
      const page = await pageRequest(cursors, { limit, cursor }, scope);
      const result = await listEmployees(principal, filter as Parameters<typeof listEmployees>[1], page);
      return { status: 200, body: await pageResponse(cursors, result, scope) };
    }),
    bindRoute(importEmployeesRoute, async ({ principal, body }) => ({
      status: 200,
      body: await importEmployees(principal, body),
    })),
    bindRoute(getEmployeeRoute, async ({ principal, params }) => {
      const view = await readEmployee(principal, params.id);
      return {
        status: 200,
        body: view.employee,
        ...(view.visibility === 'full' ? { headers: { etag: etagOf(view.version) } } : {}),
      };
    }),
    bindRoute(updateEmployeeRoute, async ({ principal, params, body, expectedVersion }) => {
      const updated = await forBody(() => updateEmployee(principal, params.id, body, expectedVersion));
      return { status: 200, body: fullView(updated), headers: { etag: etagOf(updated.version) } };
    }),
    bindRoute(getPermissionsRoute, async ({ principal, params }) => ({
      status: 200,
      body: await permissions.read(principal, params.id),
    })),
    bindRoute(grantPermissionRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await permissions.decide(principal, params.id, {
        permission: params.permission,
        effect: 'allow',
        reason: body.reason,
      }),
    })),
    bindRoute(revokePermissionRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await permissions.decide(principal, params.id, {
        permission: params.permission,
        effect: 'deny',
        reason: body.reason,
      }),
    })),
  ],
  {
    logger,
    accessStore: access,
    idempotency: powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
  },
);
