import { makeCustomerStore } from '#adapters/aws/customers/customerStore.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { makeObjectStore } from '#adapters/aws/platform/s3.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock } from '#adapters/runtimePorts.ts';
import { makeCustomers } from '#app/customers/customers.ts';
import { makeExportCustomers } from '#app/customers/exportCustomers.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { exportCustomersRoute } from './routes.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const store = makeCustomerStore(table);
const evidence = makeEvidenceLog(dynamo, config('evidenceTable'), clock);
const exportCustomers = makeExportCustomers({
  customers: makeCustomers({
    customers: store,
    employees: makeEmployeeStore(table),
    evidence,
    writes: table,
    clock,
  }),
  store,
  reports: makeObjectStore(config('reportsBucket')),
  evidence,
  clock,
  rowCap: Number(config('exportRowCap')),
});

export const handler = httpApi(
  [
    bindRoute(exportCustomersRoute, async ({ principal, body }) => ({
      status: 201,
      body: await exportCustomers(principal, body.filter, body.approval),
    })),
  ],
  { logger, accessStore: makeAccessStore(dynamo, config('hrTable')) },
);
