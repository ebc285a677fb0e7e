import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions } from '#wiring/api.ts';
import { employeeExports } from '#wiring/people.ts';
import { exportEmployeesRoute } from './routes.ts';

const exportEmployees = employeeExports();

export const handler = httpApi(
  [
    bindRoute(exportEmployeesRoute, async ({ principal, body }) => ({
      status: 201,
      body: await exportEmployees(principal, body.filter, body.approval),
    })),
  ],
  apiOptions(),
);
