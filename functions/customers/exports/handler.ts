import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions } from '#wiring/api.ts';
import { customerExports } from '#wiring/customers.ts';
import { exportCustomersRoute } from './routes.ts';

const exportCustomers = customerExports();

export const handler = httpApi(
  [
    bindRoute(exportCustomersRoute, async ({ principal, body }) => ({
      status: 201,
      body: await exportCustomers(principal, body.filter, body.approval),
    })),
  ],
  apiOptions(),
);
