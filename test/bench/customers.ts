import { benchStack, countDynamodbCalls } from './localStack.ts';
import { percentile, table } from './stats.ts';

/**
 * Customers through the local HTTP API: get, update (with its history entry), a 50-item page, and
 * the time to move 1,000 customers to a new owner.
 */
const requests = Number(process.env.BENCH_HTTP_REQUESTS ?? 300);

export async function customersReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const calls = await countDynamodbCalls();
    const owner = await stack.tokenFor('E1003');
    const hr = await stack.tokenFor('E1041');
    const call = (
      method: string,
      path: string,
      token: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${stack.runtime.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const ids: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const response = await call('POST', '/v1/customers', owner, {
        name: `客户${n}`,
        industry: 'retail',
        region: '华南',
        tier: 'standard',
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    const [target] = ids;

    const measure = async (run: (i: number) => Promise<Response>) => {
      for (let i = 0; i < 20; i++) await (await run(i)).arrayBuffer();
      calls.reset();
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const started = performance.now();
        const response = await run(i + 20);
        await response.arrayBuffer();
        if (response.status >= 300) throw new Error(`${response.status} from a benchmark request`);
        samples.push(performance.now() - started);
      }
      return { samples, calls: calls.describe(requests) };
    };
    const get = await measure(() => call('GET', `/v1/customers/${target}`, owner));
    const update = await measure((i) =>
      call(
        'PATCH',
        `/v1/customers/${target}`,
        owner,
        { preferences: `第${i}次回访` },
        { 'if-match': `"v${i + 1}"` },
      ),
    );
    const page = await measure(() => call('GET', '/v1/customers?limit=50', owner));

    const started = performance.now();
    const moved = await call('POST', '/v1/customers/transfers', hr, {
      customerIds: ids,
      toOwnerId: 'E1004',
      reason: 'Benchmark',
    });
    const transferMs = performance.now() - started;
    const result = (await moved.json()) as { moved: string[] };

    const rows = [['request', 'p50 ms', 'p99 ms', 'DynamoDB calls per request']];
    for (const [name, m] of [
      ['GET /v1/customers/{id}', get],
      ['PATCH /v1/customers/{id} (+ history)', update],
      ['GET /v1/customers (50 items)', page],
    ] as const) {
      rows.push([name, percentile(m.samples, 50).toFixed(2), percentile(m.samples, 99).toFixed(2), m.calls]);
    }
    return `${table(rows)}\ntransfer of ${result.moved.length} customers to a new owner: ${(transferMs / 1000).toFixed(2)} s (${Math.ceil(result.moved.length / 32)} transactions)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await customersReport());
