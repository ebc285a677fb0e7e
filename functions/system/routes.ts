import { defineRoute } from '#http/route.ts';
import * as z from '#kernel/zod.ts';

export const getHealthRoute = defineRoute({
  method: 'GET',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Liveness check (no authentication)',
  tag: 'system',
  auth: 'public',
  responses: {
    200: {
      description: 'The API answers',
      body: z.object({ status: z.literal('ok') }).check(z.meta({ id: 'Health' })),
    },
  },
});

export const getOpenApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This OpenAPI 3.1 document',
  tag: 'system',
  auth: 'public',
  responses: { 200: { description: 'The OpenAPI document', body: z.looseObject({}) } },
});

/** Whatever matches no other route: 405 when the path exists with another method, else 404. */
export const catchAllRoute = defineRoute({
  method: 'ANY',
  path: '$default',
  operationId: 'catchAll',
  summary: 'Unknown routes',
  tag: 'system',
  auth: 'public',
  maxBodyBytes: 10 * 1024 * 1024,
  responses: {},
});

export const systemRoutes = [getHealthRoute, getOpenApiRoute, catchAllRoute] as const;
