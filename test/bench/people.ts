import { benchStack, countDynamodbCalls } from './localStack.ts';
import { percentile, table } from './stats.ts';

/**
 * People, through the local HTTP API as a client calls it: one employee, and a 50-item page of a
 * department. Latency includes the local API Gateway, the JWT check, the live account check and
 * DynamoDB Local; the calls per request are counted on the SDK client the handlers use.
 */
const requests = Number(process.env.BENCH_HTTP_REQUESTS ?? 300);

export async function peopleReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const calls = await countDynamodbCalls();
    const hr = await stack.tokenFor('E1041');
    // Enough people in one department for full pages.
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        `E${40_000 + i},员工${i},b${i}@hongtu.example,+86 138 0000 0000,D03,Engineer,E1020,2024-03-01,campus,,Shanghai,Asia/Shanghai,zh-CN,false,employee`,
    );
    const csv = `id,name,workEmail,phone,departmentId,position,managerId,hireDate,hireChannel,referrerId,site,timeZone,locale,keyPosition,roles\n${rows.join('\n')}\n`;
    await fetch(`${stack.runtime.url}/v1/employees/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hr}`, 'content-type': 'text/csv' },
      body: csv,
    });
    await stack.runtime.catchUp(); // the import job, then the identities it makes by event

    const measure = async (path: string) => {
      for (let i = 0; i < 30; i++)
        await fetch(`${stack.runtime.url}${path}`, { headers: { authorization: `Bearer ${hr}` } });
      calls.reset();
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const started = performance.now();
        const response = await fetch(`${stack.runtime.url}${path}`, {
          headers: { authorization: `Bearer ${hr}` },
        });
        await response.arrayBuffer();
        samples.push(performance.now() - started);
      }
      return { samples, calls: calls.describe(requests) };
    };
    const one = await measure('/v1/employees/E40007');
    const page = await measure('/v1/employees?departmentId=D03&limit=50');
    const rows2 = [['request', 'p50 ms', 'p99 ms', 'DynamoDB calls per request']];
    for (const [name, m] of [
      ['GET /v1/employees/{id}', one],
      ['GET /v1/employees?departmentId (50 items)', page],
    ] as const) {
      rows2.push([name, percentile(m.samples, 50).toFixed(2), percentile(m.samples, 99).toFixed(2), m.calls]);
    }
    return `${table(rows2)}\n(one Query of each is the live account check every authenticated request makes)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await peopleReport());
