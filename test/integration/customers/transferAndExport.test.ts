import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestRuntime({ settings: { exportRowCap: 30 } });
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1002', 'E1003', 'E1040', 'E1041']) token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

describe('ownership transfer', () => {
  let ids: string[] = [];

  it('creates 250 customers for Li Lei', async () => {
    for (let n = 0; n < 250; n++) {
      const created = await api.post('/v1/customers', token.E1003 as string, {
        name: `客户${String(n).padStart(3, '0')}`,
        industry: 'retail',
        region: '华南 South China',
        tier: 'standard',
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
    ids = ids.sort();
  });

  it('moves nothing when the new owner is not a current employee: each chunk is all or nothing', async () => {
    const refused = await api.post('/v1/customers/transfers', token.E1041 as string, {
      customerIds: ids,
      toOwnerId: 'E9999',
      reason: 'Handover',
    });
    expectProblem(refused, 400, 'invalid_owner');
    const still = await api.get(`/v1/customers/${ids[0]}/history`, token.E1003 as string);
    expect(still.body.items).toHaveLength(1);
  });

  it('moves 250 customers in chunks; running it again moves nothing twice; every history shows the new owner', async () => {
    const first = await api.post('/v1/customers/transfers', token.E1041 as string, {
      customerIds: ids,
      toOwnerId: 'E1004',
      reason: 'Li Lei takes over Wang Fang’s key accounts',
    });
    expect(first.status).toBe(200);
    expect((first.body.moved as string[]).length).toBe(250);
    expect(first.body.more).toBe(false);

    const again = await api.post('/v1/customers/transfers', token.E1041 as string, {
      customerIds: ids,
      toOwnerId: 'E1004',
      reason: 'Retry after a timeout',
    });
    expect(again.body).toMatchObject({ moved: [], notFound: [], more: false });
    expect((again.body.alreadyThere as string[]).length).toBe(250);

    for (const id of [ids[0], ids[124], ids[249]]) {
      const history = await api.get(`/v1/customers/${id}/history`, token.E1041 as string);
      expect(history.body.items?.[0]).toMatchObject({
        actor: 'E1041',
        reason: 'Li Lei takes over Wang Fang’s key accounts',
        changes: { ownerId: { from: 'E1003', to: 'E1004' } },
      });
      expect(history.body.items).toHaveLength(2);
    }
    const evidence = await api.get(
      '/v1/evidence?action=customers.transferred&limit=100',
      token.E1040 as string,
    );
    expect(evidence.body.items).toHaveLength(Math.ceil(250 / 32));
    const stillHis = await api.get('/v1/customers?limit=100', token.E1003 as string);
    expect(stillHis.body.items?.filter((c) => ids.includes(c.id as string))).toEqual([]);
  });

  it('is for HR: others get 403', async () => {
    const refused = await api.post('/v1/customers/transfers', token.E1002 as string, {
      fromOwnerId: 'E1004',
      toOwnerId: 'E1002',
      reason: 'Mine now',
    });
    expectProblem(refused, 403);
  });
});

describe('controlled export', () => {
  it('refuses an export without the permission, and records the attempt', async () => {
    expectProblem(
      await api.post('/v1/customers/exports', token.E1002 as string, {}),
      403,
      'permission_denied',
    );
    const attempts = await api.get('/v1/evidence?action=customers.export-refused', token.E1040 as string);
    expect(attempts.body.items).toMatchObject([{ actor: 'E1002', subject: 'employee:E1002' }]);
  });

  it('caps an export; more rows need an HR admin to approve with a reason', async () => {
    await api.post('/v1/employees/E1002/permissions/customer:export/grant', token.E1040 as string, {
      reason: 'Quarterly review',
    });
    expectProblem(await api.post('/v1/customers/exports', token.E1002 as string, {}), 409, 'export_over_cap');
    expectProblem(
      await api.post('/v1/customers/exports', token.E1002 as string, { approval: 'I approve it myself' }),
      403,
    );
    const approved = await api.post('/v1/customers/exports', token.E1040 as string, {
      filter: { ownerId: 'E1002' },
      approval: 'Audit of key accounts before the handover',
    });
    expect(approved.status).toBe(201);
    expect(approved.body.rows).toBe(40);
  });

  it('writes a CSV that opens with Chinese text intact, behind a short-lived link, whose hash is in the evidence', async () => {
    const exported = await api.post('/v1/customers/exports', token.E1002 as string, {
      filter: { tier: undefined },
    });
    expect(exported.status).toBe(409); // still over the cap of 30 for her 40 customers
    const standardOnly = await api.post('/v1/customers/exports', token.E1040 as string, {
      filter: { tier: 'key' },
    });
    expect(standardOnly.status).toBe(201);
    const { url, sha256, rows } = standardOnly.body as { url: string; sha256: string; rows: number };
    expect(rows).toBe(5);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toMatch(/^\uFEFFid,name,industry,行业,industry name,region,tier,owner,owner name,/);
    // Names beside codes and ids: the key accounts are Wang Fang's.
    expect(text.split('\r\n')[1]).toMatch(/^C\d+,[^,]+,[a-z-]+,[^,]+,[A-Z][^,]*,[^,]+,key,E1002,王芳,/);
    expect(text).toMatch(/有限公司|集团/);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('900');

    const evidence = await api.get('/v1/evidence?action=customers.exported&limit=1', token.E1040 as string);
    expect(evidence.body.items?.[0]).toMatchObject({
      actor: 'E1040',
      details: { rows: 5, sha256, filter: { tier: 'key' } },
    });
  });
});
