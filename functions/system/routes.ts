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

export const getReadinessRoute = defineRoute({
  method: 'GET',
  path: '/health/ready',
  operationId: 'getReadiness',
  summary: 'Readiness check (no authentication): DynamoDB and S3 answer',
  tag: 'system',
  auth: 'public',
  problems: ['not_ready'],
  responses: {
    200: {
      description: 'Everything a request needs answers',
      body: z
        .object({
          status: z.literal('ready'),
          checks: z.object({ dynamodb: z.literal('ok'), s3: z.literal('ok') }),
        })
        .check(z.meta({ id: 'Readiness' })),
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

export const getDocsRoute = defineRoute({
  method: 'GET',
  path: '/docs',
  operationId: 'getDocs',
  summary: 'The API reference: a page that shows this document (no authentication)',
  tag: 'system',
  auth: 'public',
  responses: { 200: { description: 'The page', mediaTypes: ['text/html'] } },
});

export const getDocsFileRoute = defineRoute({
  method: 'GET',
  path: '/docs/{file}',
  operationId: 'getDocsFile',
  summary: "A script or style of the API reference's page (no authentication)",
  tag: 'system',
  auth: 'public',
  params: z.object({ file: z.enum(['swagger-ui.css', 'swagger-ui-bundle.js', 'start.js']) }),
  responses: { 200: { description: 'The file', mediaTypes: ['text/css', 'text/javascript'] } },
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

export const systemRoutes = [
  getHealthRoute,
  getReadinessRoute,
  getOpenApiRoute,
  getDocsRoute,
  getDocsFileRoute,
  catchAllRoute,
] as const;
