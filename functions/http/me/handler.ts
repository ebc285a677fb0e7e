import { makeAccessStore } from '#adapters/aws/accessStore.ts';
import { dynamo } from '#adapters/aws/dynamodb.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { getMeRoute } from './routes.ts';

const accessStore = makeAccessStore(dynamo, config('hrTable'));

export const handler = httpApi(
  [
    bindRoute(getMeRoute, async ({ principal }) => ({
      status: 200,
      body: {
        employeeId: principal.employeeId,
        roles: principal.roles,
        permissions: principal.effective.map((e) => ({ permission: e.permission, sources: e.sources })),
      },
    })),
  ],
  { logger, accessStore },
);
