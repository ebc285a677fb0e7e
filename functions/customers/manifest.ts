import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { customerRoutes } from './api/routes.ts';
import { exportRoutes } from './exports/routes.ts';

export const customerFunctions: readonly FunctionDefinition[] = [
  httpFunction(
    {
      area: 'customers',
      entry: 'functions/customers/api/handler.ts',
      description: 'Customer records: ownership, history, transfers and controlled export',
      routes: customerRoutes,
      needs: { tables: { hr: 'write', idempotency: 'write' }, evidence: 'append', cursorKey: true },
    },
    // Transfers of a whole book of customers run ~20 transactions.
    { timeoutSeconds: 29 },
  ),
  httpFunction({
    area: 'exports',
    entry: 'functions/customers/exports/handler.ts',
    description: 'Controlled customer exports to the reports bucket',
    routes: exportRoutes,
    // Writes the access-denial log (a refused export) besides reading the customers.
    needs: { tables: { hr: 'write' }, evidence: 'append', buckets: { reports: 'write' } },
  }),
  {
    id: 'CustomerUpkeep',
    entry: 'functions/customers/upkeep.ts',
    description:
      'Daily: moves deals once embedded in customer records to deal records, builds missing knowledge records',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: { tables: { hr: 'write' } },
    // Walks every live customer through the tier index.
    timeoutSeconds: 900,
  },
];
