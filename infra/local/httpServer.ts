import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { CompiledPath } from '#http/pathTemplate.ts';
import { HttpError, problemFor } from '#http/problem.ts';
import { corsRules } from '../cors.ts';
import type { LocalIdentityProvider } from './localIdentityProvider.ts';

/** API Gateway's payload limit for HTTP APIs. */
const maxPayloadBytes = 10 * 1024 * 1024;
const textTypes = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|x-www-form-urlencoded|javascript))/i;

export interface LocalHttpRoute {
  routeKey: string;
  method: string;
  /** Undefined for the catch-all `$default` route. */
  path?: CompiledPath;
  auth: 'public' | 'jwt';
  functionId: string;
}

export interface LocalHttpServerOptions {
  port: number;
  routes: readonly LocalHttpRoute[];
  identityProvider: LocalIdentityProvider;
  invoke(functionId: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<unknown>;
  /** Told of every request once it is answered (for the stack's request log). */
  onRequest?(entry: RequestLogEntry): void;
  /** Browser origins that may call the API (the deployment's `corsOrigins`); none: no CORS at all. */
  corsOrigins?: readonly string[];
}

/**
 * CORS as API Gateway applies it: with origins configured it answers every preflight itself and adds
 * the allow headers to the answers of an allowed origin; without, it does neither.
 */
function applyCors(request: IncomingMessage, response: ServerResponse, origins: readonly string[]): boolean {
  if (origins.length === 0) return false;
  const origin = request.headers.origin;
  const allowed = origin !== undefined && origins.includes(origin);
  response.setHeader('vary', 'origin');
  if (allowed) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', corsRules.exposeHeaders.join(','));
  }
  const preflight =
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  if (!preflight) return false;
  if (allowed) {
    response.setHeader('access-control-allow-methods', corsRules.allowMethods.join(','));
    response.setHeader('access-control-allow-headers', corsRules.allowHeaders.join(','));
    response.setHeader('access-control-max-age', String(corsRules.maxAgeSeconds));
  }
  response.writeHead(204);
  response.end();
  return true;
}

/** One answered request, as the local stack logs it; the request id is the one the functions log too. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}

interface Matched {
  route: LocalHttpRoute;
  pathParameters?: Record<string, string>;
}

/** As API Gateway picks: of the routes that match, the one with the fewest path variables (`/thread` before `/{id}`). */
function match(routes: readonly LocalHttpRoute[], method: string, path: string): Matched | undefined {
  let best: { route: LocalHttpRoute; pathParameters: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.method !== method || !route.path) continue;
    const pathParameters = route.path.match(path);
    if (
      pathParameters &&
      (!best || Object.keys(pathParameters).length < Object.keys(best.pathParameters).length)
    )
      best = { route, pathParameters };
  }
  if (best)
    return {
      route: best.route,
      ...(Object.keys(best.pathParameters).length > 0 ? { pathParameters: best.pathParameters } : {}),
    };
  const fallback = routes.find((r) => r.routeKey === '$default');
  return fallback ? { route: fallback } : undefined;
}

/** API Gateway hands claims to the function as strings, arrays as "[a b]". */
function claimsAsApiGatewayDoes(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

/** Reads the whole body; past API Gateway's limit it keeps draining (so the 413 reaches the client). */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxPayloadBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > maxPayloadBytes)
        reject(new HttpError(413, 'payload_too_large', 'The request exceeds 10 MB.'));
      else resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

async function authorize(request: IncomingMessage, idp: LocalIdentityProvider): Promise<JWTPayload> {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const refuse = (detail: string) =>
    new HttpError(401, 'unauthenticated', detail, {
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  if (!token) throw refuse('A bearer token is required.');
  try {
    return await idp.verify(token);
  } catch {
    throw refuse('The bearer token is not valid (signature, issuer, audience or expiry).');
  }
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  matched: Matched,
  claims: Record<string, string> | undefined,
  requestId: string,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = body.length === 0 || textTypes.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: matched.route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(matched.pathParameters ? { pathParameters: matched.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: matched.route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Writes a Lambda result the way API Gateway does for payload format 2.0. */
function send(response: ServerResponse, result: unknown): void {
  const structured = result as Exclude<APIGatewayProxyResultV2, string>;
  if (typeof result === 'object' && result !== null && 'statusCode' in structured) {
    const body = structured.body ?? '';
    response.writeHead(structured.statusCode ?? 200, {
      ...structured.headers,
      ...(structured.cookies ? { 'set-cookie': structured.cookies } : {}),
    });
    response.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(typeof result === 'string' ? result : JSON.stringify(result));
}

function sendProblem(response: ServerResponse, error: unknown, instance: string, requestId: string): void {
  const reply = problemFor(error, { instance, requestId });
  response.writeHead(reply.status, { 'content-type': 'application/problem+json', ...reply.headers });
  response.end(JSON.stringify(reply.problem));
}

/**
 * Plays API Gateway locally: matches routes like it does (exact route, else `$default`), runs the JWT
 * authorizer on protected routes, builds the same v2 event and calls the function's handler.
 */
export function startLocalHttpServer(
  options: LocalHttpServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const started = performance.now();
    // As API Gateway does: one id per request, in the event, the answer's header and the log.
    const requestId = randomUUID();
    response.setHeader('apigw-requestid', requestId);
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (applyCors(request, response, options.corsOrigins ?? [])) {
      options.onRequest?.({ requestId, method: 'OPTIONS', path: url.pathname, status: 204, ms: 0 });
      return;
    }
    try {
      const body = await readBody(request);
      const matched = match(options.routes, request.method ?? 'GET', url.pathname);
      if (!matched) throw new HttpError(404, 'route_not_found', 'No such route.');
      const claims =
        matched.route.auth === 'jwt'
          ? claimsAsApiGatewayDoes(await authorize(request, options.identityProvider))
          : undefined;
      const result = await options.invoke(
        matched.route.functionId,
        toEvent(request, url, body, matched, claims, requestId),
      );
      send(response, result);
    } catch (error) {
      // A handler that throws is a crashed Lambda: API Gateway answers 500 without detail.
      if (!(error instanceof HttpError)) console.error(`${request.method} ${url.pathname} failed:`, error);
      sendProblem(response, error, url.pathname, requestId);
    } finally {
      options.onRequest?.({
        requestId,
        method: request.method ?? 'GET',
        path: url.pathname,
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  });
  // Node refuses a request line or headers over 16 KB before there is a request to answer; say so as
  // every other refusal does, in problem+json.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const { status, problem } = problemFor(
      tooLarge
        ? new HttpError(431, 'headers_too_large', 'The URL and headers must not exceed 16 KB.')
        : new HttpError(400, 'malformed_request', 'The request is not valid HTTP.'),
      {},
    );
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${problem.title}\r\ncontent-type: application/problem+json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
