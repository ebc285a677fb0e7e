import { httpApi } from '#http/httpApi.ts';
import { compilePath } from '#http/pathTemplate.ts';
import { HttpError } from '#http/problem.ts';
import { bindRoute } from '#http/route.ts';
import { logger } from '#wiring/log.ts';
import { readiness } from '#wiring/platform.ts';
import { docsFile, docsPage, docsSecurityPolicy } from './docs.ts';
import openApiDocument from './openapi.json' with { type: 'json' };
import {
  getDocsFileRoute,
  getDocsRoute,
  getHealthRoute,
  getOpenApiRoute,
  getReadinessRoute,
} from './routes.ts';

// The OpenAPI document lists every route: the catch-all reads methods and paths from it rather
// than importing every area's schemas.
const knownRoutes = Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>).flatMap(
  ([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path: compilePath(path) })),
);

/** API Gateway sends whatever matches no route here; say whether the path exists under another method. */
function unmatched(event: { rawPath: string }): never {
  const allowed = knownRoutes.filter((r) => r.path.match(event.rawPath)).map((r) => r.method);
  if (allowed.length > 0) {
    throw new HttpError(405, 'method_not_allowed', `This path accepts ${allowed.join(', ')}.`, {
      headers: { allow: allowed.join(', ') },
    });
  }
  throw new HttpError(404, 'route_not_found', 'No such route.');
}

export const handler = httpApi(
  [
    bindRoute(getHealthRoute, async () => ({ status: 200, body: { status: 'ok' } })),
    bindRoute(getReadinessRoute, async () => {
      const checks = await readiness();
      const failed = Object.entries(checks).filter(([, state]) => state !== 'ok');
      if (failed.length > 0)
        throw new HttpError(503, 'not_ready', failed.map(([what, state]) => `${what}: ${state}`).join('; '));
      return { status: 200, body: { status: 'ready', checks } };
    }),
    bindRoute(getOpenApiRoute, async () => ({
      status: 200,
      body: openApiDocument,
      headers: { 'cache-control': 'public, max-age=300' },
    })),
    bindRoute(getDocsRoute, async () => ({
      status: 200,
      text: docsPage(),
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': docsSecurityPolicy,
        'cache-control': 'public, max-age=300',
      },
    })),
    bindRoute(getDocsFileRoute, async ({ params }) => {
      const file = await docsFile(params.file);
      return {
        status: 200,
        text: file.text,
        headers: { 'content-type': file.type, 'cache-control': 'public, max-age=86400' },
      };
    }),
  ],
  { logger, unmatched },
);
