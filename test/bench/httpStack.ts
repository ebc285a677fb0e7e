import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { logger } from '#adapters/logger.ts';
import { principalFrom } from '#domain/people/access.ts';
import { getMeRoute } from '#functions/people/me/routes.ts';
import { getHealthRoute } from '#functions/system/routes.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { percentile, table } from './stats.ts';

/**
 * In-process cost of our HTTP stack (middy, correlation ids, validation, the live account check,
 * problem mapping, security headers) per request, against a bare handler that returns the same answer.
 * The account store answers from memory, so only the stack is measured.
 */
const iterations = Number(process.env.BENCH_HTTP_ITERATIONS ?? 20_000);

const context = {
  functionName: 'bench',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const event = (routeKey: string, claims?: Record<string, string>) =>
  ({
    version: '2.0',
    routeKey,
    rawPath: routeKey.split(' ')[1],
    rawQueryString: '',
    headers: { 'user-agent': 'bench' },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'bench',
      routeKey,
      http: { method: 'GET' },
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

async function measure(invoke: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2000; i++) await invoke();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await invoke();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function httpStackReport(): Promise<string> {
  const bare = async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"status":"ok"}',
  });
  const accessStore = {
    getAccess: async (employeeId: string) => ({
      employeeId,
      status: 'enabled' as const,
      roles: ['employee' as const],
      identity: 'provisioned' as const,
      version: 1,
      grants: [],
    }),
  };
  const api = httpApi(
    [
      bindRoute(getHealthRoute, async () => ({ status: 200, body: { status: 'ok' } })),
      bindRoute(getMeRoute, async ({ principal }) => ({
        status: 200,
        body: { employeeId: principal.employeeId },
      })),
    ],
    { logger, authenticate: async (id) => principalFrom(id, await accessStore.getAccess(id)) },
  );
  const health = event('GET /health');
  const me = event('GET /v1/me', { username: 'E1001' });

  const bareSamples = await measure(() => bare());
  const publicSamples = await measure(() => api(health, context));
  const authSamples = await measure(() => api(me, context));
  const bareP50 = percentile(bareSamples, 50);
  const rows = [['handler', 'p50 µs', 'p99 µs', 'overhead p50 µs', 'ratio to bare']];
  for (const [name, s] of [
    ['bare handler', bareSamples],
    ['stack, public route', publicSamples],
    ['stack, authenticated route', authSamples],
  ] as const) {
    const p50 = percentile(s, 50);
    rows.push([
      name,
      (p50 * 1000).toFixed(1),
      (percentile(s, 99) * 1000).toFixed(1),
      ((p50 - bareP50) * 1000).toFixed(1),
      (p50 / bareP50).toFixed(1),
    ]);
  }
  const worstOverhead = (percentile(authSamples, 50) - bareP50) * 1000;
  return `${table(rows)}\nHTTP-stack overhead p50 ${(worstOverhead / 1000).toFixed(3)} ms (target ≤ 0.3 ms)`;
}

if (import.meta.main) console.log(await httpStackReport());
