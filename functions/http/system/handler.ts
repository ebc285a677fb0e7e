import { logger } from '#adapters/logger.ts';
import { httpApi } from '#http/httpApi.ts';
import { compilePath } from '#http/pathTemplate.ts';
import { HttpError } from '#http/problem.ts';
import { bindRoute, defaultRoutePath } from '#http/route.ts';
import { allRoutes } from '../routes.ts';
import openApiDocument from './openapi.json' with { type: 'json' };
import { getHealthRoute, getOpenApiRoute } from './routes.ts';

const knownRoutes = allRoutes
  .filter((r) => r.path !== defaultRoutePath)
  .map((r) => ({ method: r.method, path: compilePath(r.path) }));

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
    bindRoute(getOpenApiRoute, async () => ({
      status: 200,
      body: openApiDocument,
      headers: { 'cache-control': 'public, max-age=300' },
    })),
  ],
  { logger, unmatched },
);
