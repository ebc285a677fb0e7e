import { ExportLink, exportBody } from '#http/exports.ts';
import { defineRoute } from '#http/route.ts';
import { CustomerListFilter } from '../api/routes.ts';

/**
 * Exports are their own function: the only one that may write export files to the reports bucket,
 * and the customers API does not carry an S3 client it rarely needs.
 */
export const exportCustomersRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers/exports',
  operationId: 'exportCustomers',
  refusalsLogged: { action: 'customer.export', target: () => 'customers', everyone: true },
  problems: ['export_over_cap'],
  summary: 'Export the customers the caller may see as CSV (needs customer:export; recorded)',
  tag: 'customers',
  auth: 'jwt',
  body: exportBody(CustomerListFilter),
  responses: { 201: { description: 'The export', body: ExportLink } },
});

export const exportRoutes = [exportCustomersRoute] as const;
