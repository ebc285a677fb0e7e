import { makeAccessStore } from '#adapters/aws/accessStore.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/dynamodb.ts';
import { makeEmployeeStore } from '#adapters/aws/employeeStore.ts';
import { makeEventBridgeBus } from '#adapters/aws/eventBridgeBus.ts';
import { makeEvidenceLog } from '#adapters/aws/evidenceLog.ts';
import { makeHrTable } from '#adapters/aws/hrTable.ts';
import { makeResignationStore } from '#adapters/aws/resignationStore.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { revocationPolicy } from '#adapters/policy.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeManageResignation } from '#app/resignations/manageResignation.ts';
import { makeSubmitResignation } from '#app/resignations/submitResignation.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { powertoolsIdempotencyGuard } from '#http/powertoolsIdempotency.ts';
import { bindRoute } from '#http/route.ts';
import {
  changeResignationRoute,
  getResignationRoute,
  submitResignationRoute,
  withdrawResignationRoute,
} from './routes.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const access = makeAccessStore(dynamo, config('hrTable'));
const deps = {
  employees: makeEmployeeStore(table),
  access,
  resignations: makeResignationStore(table),
  evidence: makeEvidenceLog(dynamo, config('evidenceTable'), clock),
  bus: resolvePort('eventBus', () => makeEventBridgeBus(config('eventBus'))),
  clock,
  policy: revocationPolicy(),
};
const submit = makeSubmitResignation(deps);
const manage = makeManageResignation(deps);

export const handler = httpApi(
  [
    bindRoute(submitResignationRoute, async ({ principal, params, body }) => {
      const resignation = await forBody(() => submit(principal, params.id, body));
      return {
        status: 201,
        body: await manage.view(resignation),
        headers: {
          etag: etagOf(resignation.version),
          location: `/v1/employees/${params.id}/resignation`,
        },
      };
    }),
    bindRoute(getResignationRoute, async ({ principal, params }) => {
      const view = await manage.read(principal, params.id);
      return { status: 200, body: view, headers: { etag: etagOf(view.version) } };
    }),
    bindRoute(changeResignationRoute, async ({ principal, params, body, expectedVersion }) => {
      const changed = await forBody(() => manage.change(principal, params.id, body, expectedVersion));
      return { status: 200, body: await manage.view(changed), headers: { etag: etagOf(changed.version) } };
    }),
    bindRoute(withdrawResignationRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await manage.view(await manage.withdraw(principal, params.id, body.reason)),
    })),
  ],
  {
    logger,
    accessStore: access,
    idempotency: powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
  },
);
