import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { RefusedAttempt } from '#domain/evidence/index.ts';
import { correlation } from '#http/middleware/correlation.ts';
import { problemResponses } from '#http/middleware/problemResponses.ts';
import { securityHeaders } from '#http/middleware/securityHeaders.ts';
import type { Locale } from '#kernel/locale.ts';
import type { Principal } from '#kernel/principal.ts';
import type { IdempotencyGuard } from './idempotency.ts';
import { HttpError, problemFor } from './problem.ts';
import { readRequest } from './readRequest.ts';
import { type Reply, type RouteBinding, type RouteSpec, routeKeyOf } from './route.ts';

export interface HttpApiOptions {
  logger: Logger;
  /**
   * Needed when any route is authenticated: the caller's live account and grants, read on every such
   * request (a revocation takes effect on the next one); refuses a missing or disabled account.
   */
  authenticate?: (employeeId: string) => Promise<Principal>;
  /** Needed when any route is `idempotent`. */
  idempotency?: IdempotencyGuard;
  /** Told of every refusal (4xx) of a route with `refusalsLogged`; its own failure is logged, not answered. */
  refused?: (attempt: RefusedAttempt, options: { everyone: boolean }) => Promise<void>;
  /** Answers requests no bound route matches (the catch-all `$default` route); default 404. */
  unmatched?: (event: HttpEvent) => never;
  /** The caller's account locale, for the language of a problem (else Accept-Language decides). */
  readerLocale?: (employeeId: string) => Promise<Locale | undefined>;
}

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** The employee id is the Cognito user name: `username` in access tokens, `cognito:username` in ID tokens. */
function callerId(event: HttpEvent): string {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const id = claims.username ?? claims['cognito:username'];
  if (typeof id !== 'string' || id === '') {
    throw new HttpError(401, 'unauthenticated', 'A valid bearer token is required.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  return id;
}

function toResult(reply: Reply): HttpResult {
  if (reply.text !== undefined) return { statusCode: reply.status, headers: reply.headers, body: reply.text };
  if (reply.body === undefined) return { statusCode: reply.status, headers: reply.headers, body: '' };
  return {
    statusCode: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
    body: JSON.stringify(reply.body),
  };
}

/**
 * One Lambda per API area: dispatches on API Gateway's route key, checks the live account for
 * authenticated routes, validates the input, runs the route, and shapes every answer and error.
 */
export function httpApi(bindings: readonly RouteBinding[], options: HttpApiOptions) {
  const routes = new Map(bindings.map((b) => [routeKeyOf(b.spec), b]));
  const { logger, authenticate, idempotency, unmatched, refused } = options;

  const report = async (spec: RouteSpec, event: HttpEvent, caller: string, error: unknown) => {
    const logged = spec.refusalsLogged;
    if (!logged || !refused) return;
    const { status, problem } = problemFor(error, {});
    if (status < 400 || status >= 500) return;
    try {
      await refused(
        {
          actor: caller,
          action: logged.action,
          target: logged.target(event.pathParameters ?? {}),
          reason: problem.code,
          status,
          requestId: event.requestContext.requestId,
        },
        { everyone: logged.everyone ?? false },
      );
    } catch (failure) {
      // The refusal still goes out; the lost entry is an error someone sees in the logs and alarms.
      logger.error('A refused attempt could not be recorded', { error: failure as Error });
    }
  };

  const dispatch = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const binding = routes.get(event.routeKey);
    if (!binding) {
      unmatched?.(event);
      throw new HttpError(404, 'route_not_found', 'No such route.');
    }
    const { spec } = binding;
    if (spec.auth !== 'jwt') return run(binding, event, context);
    if (!authenticate)
      throw new Error(`Route ${event.routeKey} is authenticated but no authentication is wired`);
    // Known from the token even when the account is refused (disabled after leaving): that is reported too.
    const caller = callerId(event);
    try {
      return await run(binding, event, context, await authenticate(caller));
    } catch (error) {
      await report(spec, event, caller, error);
      throw error;
    }
  };

  const run = async (binding: RouteBinding, event: HttpEvent, context: Context, principal?: Principal) => {
    const { spec, handle } = binding;
    let request: ReturnType<typeof readRequest>;
    try {
      request = readRequest(spec, event, principal);
    } catch (refusal) {
      // Visibility comes before input: to an outsider, a bad request to a real resource is a 404.
      if (principal && binding.visible) await binding.visible(principal, event.pathParameters ?? {});
      throw refusal;
    }

    if (spec.idempotent && request.idempotencyKey) {
      if (!idempotency) throw new Error(`Route ${event.routeKey} is idempotent but no guard is wired`);
      const reply = await idempotency.run(
        {
          scope: `${principal?.employeeId ?? 'public'} ${event.routeKey}`,
          key: request.idempotencyKey,
          payload: { params: request.params, body: request.body },
          remainingMillis: () => context.getRemainingTimeInMillis?.() ?? 30_000,
        },
        () => handle(request),
      );
      return toResult(reply);
    }
    return toResult(await handle(request));
  };

  return middy(dispatch)
    .use(correlation(logger))
    .use(securityHeaders())
    .use(problemResponses(logger, (key) => routes.get(key)?.spec, options.readerLocale));
}
