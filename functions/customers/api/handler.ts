import { makeCustomerStore } from '#adapters/aws/customers/customerStore.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeCustomers } from '#app/customers/customers.ts';
import { makeTransferCustomers } from '#app/customers/transferCustomers.ts';
import type { CustomerRecord } from '#domain/customers/customer.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { powertoolsIdempotencyGuard } from '#http/powertoolsIdempotency.ts';
import { bindRoute } from '#http/route.ts';
import {
  createCustomerRoute,
  customerHistoryRoute,
  deleteCustomerRoute,
  getCustomerRoute,
  listCustomersRoute,
  restoreCustomerRoute,
  transferCustomersRoute,
  updateCustomerRoute,
} from './routes.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const store = makeCustomerStore(table);
const evidence = makeEvidenceLog(dynamo, config('evidenceTable'), clock);
const customers = makeCustomers({
  customers: store,
  employees: makeEmployeeStore(table),
  evidence,
  writes: table,
  clock,
});
const transfer = makeTransferCustomers({ customers: store, evidence, clock });
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);

const view = ({ createdAt: _c, updatedAt: _u, ...customer }: CustomerRecord) => customer;
const withEtag = (customer: CustomerRecord, status = 200) => ({
  status,
  body: view(customer),
  headers: { etag: etagOf(customer.version) },
});

export const handler = httpApi(
  [
    bindRoute(createCustomerRoute, async ({ principal, body }) => {
      const created = await forBody(() => customers.create(principal, body));
      return {
        ...withEtag(created, 201),
        headers: { etag: etagOf(1), location: `/v1/customers/${created.id}` },
      };
    }),
    bindRoute(listCustomersRoute, async ({ principal, query }) => {
      const { limit, cursor, ...filter } = query;
      const scope = `listCustomers ${principal.employeeId} ${JSON.stringify(filter)}`;
      const result = await customers.list(
        principal,
        filter,
        await pageRequest(cursors, { limit, cursor }, scope),
      );
      return { status: 200, body: await pageResponse(cursors, result, scope) };
    }),
    bindRoute(getCustomerRoute, async ({ principal, params }) =>
      withEtag(await customers.visible(principal, params.id)),
    ),
    bindRoute(updateCustomerRoute, async ({ principal, params, body, expectedVersion }) => {
      const { reason, ...edits } = body;
      return withEtag(
        await forBody(() => customers.update(principal, params.id, edits, expectedVersion, reason)),
      );
    }),
    bindRoute(deleteCustomerRoute, async ({ principal, params, query, expectedVersion }) => ({
      status: 200,
      body: view(await customers.remove(principal, params.id, expectedVersion, query.reason)),
    })),
    bindRoute(restoreCustomerRoute, async ({ principal, params, body }) =>
      withEtag(await customers.restore(principal, params.id, body.reason)),
    ),
    bindRoute(customerHistoryRoute, async ({ principal, params, query }) => {
      const scope = `customerHistory ${principal.employeeId} ${params.id}`;
      const result = await customers.history(principal, params.id, await pageRequest(cursors, query, scope));
      return { status: 200, body: await pageResponse(cursors, result, scope) };
    }),
    bindRoute(transferCustomersRoute, async ({ principal, body }) => ({
      status: 200,
      body: await forBody(() => transfer(principal, body)),
    })),
  ],
  {
    logger,
    accessStore: makeAccessStore(dynamo, config('hrTable')),
    idempotency: powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
  },
);
