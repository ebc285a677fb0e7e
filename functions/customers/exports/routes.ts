import { defineRoute } from '#http/route.ts';
import { Timestamp } from '#kernel/ids.ts';
import { Link, Sha256Hex } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { CustomerListFilter, Reason } from '../api/routes.ts';

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
  body: z.strictObject({
    filter: z._default(CustomerListFilter, {}),
    approval: z.optional(Reason.check(z.describe('An HR admin approving more rows than the cap says why'))),
  }),
  responses: {
    201: {
      description: 'The export',
      body: z
        .object({
          url: Link,
          expiresAt: Timestamp,
          rows: z.int().check(z.gte(0), z.lte(100_000)),
          sha256: Sha256Hex,
        })
        .check(z.meta({ id: 'CustomerExport' })),
    },
  },
});

export const exportRoutes = [exportCustomersRoute] as const;
