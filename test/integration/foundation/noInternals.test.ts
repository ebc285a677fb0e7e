import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '#functions/routes.ts';
import { getOpenApiRoute } from '#functions/system/routes.ts';
import { defaultRoutePath } from '#http/route.ts';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Nothing internal leaves the API: no ARNs (with the account id in AWS), no table keys, no schedule
 * names — on any route, for HR, the leaver, her manager and her successor, over the demo company in
 * the middle of a handover.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const answers: string[] = [];
let caseId: string;

const internal = [
  /arn:/,
  /"(?:pk|sk|gsi1pk|gsi1sk|gsi2pk|gsi2sk)"/,
  /\b(?:EMP|CUST|CASE|DEPT|DENIALS|EMPSTATUS|CUSTIDX|OWNER|REFERRALS|IMPORT|CHUNK)#/,
  /\brev-R\d/,
  /executionId|taskToken|scheduleName/,
];

const record = async (what: string, response: Response) => {
  const headers = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
  answers.push(`${what} → ${response.status}\n${headers}\n${await response.text()}`);
};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1001', 'E1002', 'E1003', 'E1040', 'E1041']) token[id] = await stack.tokenFor(id);
  const submitted = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
    lastWorkingDay: '2026-11-16',
    reason: 'A new opportunity',
    successorIds: ['E1003'],
  });
  expect(submitted.status).toBe(201);
  caseId = String(submitted.body.id);
  await stack.catchUp();
  stack.clock.set('2026-11-08T16:00:00.000Z');
  await stack.catchUp();
  await record(
    'export',
    await stack.request('/v1/customers/exports', {
      method: 'POST',
      token: token.E1040 as string,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }),
  );
  await record(
    'refused read',
    await stack.request('/v1/customers?limit=500', { token: token.E1002 as string }),
  );
  await record(
    'import',
    await stack.request('/v1/employees/imports?dryRun=true', {
      method: 'POST',
      token: token.E1040 as string,
      headers: { 'content-type': 'text/csv' },
      body: 'id,name,departmentId,position,hireDate,workEmail,phone\nE1990,测试 Test,D02,Sales,2026-01-05,t@example.com,+86 138 0000 0000\n',
    }),
  );
  await stack.catchUp();
});
afterAll(() => stack.stop());

describe('what the API shows', () => {
  it('holds no ARN, table key or schedule name on any GET route, whoever reads', async () => {
    const customers = await api.get('/v1/customers?ownerId=E1002&limit=5', token.E1041 as string);
    const customerId = String(customers.body.items?.[0]?.id);
    const notices = await api.get('/v1/me/notifications', token.E1002 as string);
    const imports =
      answers.find((a) => a.startsWith('import'))?.match(/"id":"(IMP[0-9a-f]+)"/)?.[1] ?? 'IMP0';
    const pathOf = (path: string) =>
      path
        .replace('/v1/customers/{id}', `/v1/customers/${customerId}`)
        .replace('/v1/departments/{id}', '/v1/departments/D02')
        .replace('{id}', 'E1002')
        .replace('{caseId}', caseId)
        .replace('{sha256}', '0'.repeat(64))
        .replace('{templateId}', 'sales-lead')
        .replace('{jobId}', imports)
        .replace('{notificationId}', String(notices.body.items?.[0]?.id ?? 'N0'))
        .replace('{permission}', 'customer:export');
    // Every GET but the API document itself (which names the fields it describes).
    const gets = allRoutes.filter(
      (r) => r.method === 'GET' && r.path !== defaultRoutePath && r.path !== getOpenApiRoute.path,
    );
    expect(gets.length).toBeGreaterThan(20);
    for (const route of gets) {
      const path = `${pathOf(route.path)}${route.path.endsWith('/items') ? '?node=customers' : ''}`;
      for (const reader of Object.keys(token))
        await record(`${reader} GET ${path}`, await stack.request(path, { token: token[reader] as string }));
    }
    const oks = answers.filter((a) => / → 200\n/.test(a));
    expect(oks.length).toBeGreaterThan(60);
    const leaks = answers.flatMap((answer) =>
      internal.flatMap((pattern) => {
        const found = pattern.exec(answer);
        return found
          ? [`${answer.split('\n')[0]}: ${answer.slice(Math.max(0, found.index - 80), found.index + 80)}`]
          : [];
      }),
    );
    expect(leaks).toEqual([]);
  });
});
