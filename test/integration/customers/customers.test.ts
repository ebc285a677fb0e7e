import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1001', 'E1002', 'E1003', 'E1013', 'E1014', 'E1040', 'E1041'])
    token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

const allPages = (path: string, as: string, limit: number) => readAllPages(api, path, as, limit);

const newCustomer = (extra: Record<string, unknown> = {}) => ({
  name: '长江物流有限公司',
  industry: 'logistics',
  region: '华东 East China',
  tier: 'standard',
  contacts: [{ name: '周经理', role: '采购', phone: '+86 139 0000 1111', wechatId: 'zhou_jl' }],
  deals: [
    {
      date: '2026-10-01',
      value: { amountMinor: 12_345_600, currency: 'CNY' },
      product: '仓储服务',
      status: 'open',
    },
  ],
  preferences: '每月初对账',
  ...extra,
});

describe('who sees which customers', () => {
  it('lets an employee page through their own customers only, never more than the limit per page', async () => {
    const { items, sizes } = await allPages('/v1/customers', token.E1002 as string, 15);
    expect(items).toHaveLength(40);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(15);
    expect(new Set(items.map((c) => c.ownerId))).toEqual(new Set(['E1002']));
    expect(items.slice(0, 5).every((c) => c.tier === 'key')).toBe(true);
  });

  it("shows a manager their team's customers, and nobody else's", async () => {
    const team = await allPages('/v1/customers?ownerId=E1002', token.E1001 as string, 50);
    expect(team.items).toHaveLength(40);
    expectProblem(await api.get('/v1/customers?ownerId=E1014', token.E1002 as string), 403);
    expectProblem(await api.get('/v1/customers?ownerId=E1002', token.E1003 as string), 403);
  });

  it("answers 404 for another owner's customer: not even its existence shows", async () => {
    const hanMeimeis = (await allPages('/v1/customers', token.E1014 as string, 50)).items[0]?.id as string;
    const response = await api.get(`/v1/customers/${hanMeimeis}`, token.E1003 as string);
    expectProblem(response, 404, 'not_found');
    // The same answer as for a customer that does not exist (Li Lei reads Chinese).
    const missing = await api.get('/v1/customers/C99999', token.E1003 as string);
    expectProblem(missing, 404, 'not_found');
    expect(response.body.detail).toBe('没有这项资源，或您无权查看。');
    expect(missing.body.detail).toBe(response.body.detail);
    expect((await api.get(`/v1/customers/${hanMeimeis}`, token.E1001 as string)).status).toBe(200);
  });

  it('hides key accounts from anyone without customer:read:key-accounts, even from their owner', async () => {
    const keyAccount = (await allPages('/v1/customers', token.E1002 as string, 50)).items.find(
      (c) => c.tier === 'key',
    );
    const revoked = await api.post(
      '/v1/employees/E1002/permissions/customer:read:key-accounts/revoke',
      token.E1040 as string,
      {
        reason: 'Key-accounts stage of the resignation',
      },
    );
    expect(revoked.status).toBe(200);
    const mine = await allPages('/v1/customers', token.E1002 as string, 50);
    expect(mine.items).toHaveLength(35);
    expect(mine.items.some((c) => c.tier === 'key')).toBe(false);
    expectProblem(await api.get(`/v1/customers/${keyAccount?.id}`, token.E1002 as string), 404);
    expect((await api.get(`/v1/customers/${keyAccount?.id}`, token.E1001 as string)).status).toBe(200);
  });

  it('lists by industry, region and tier for HR only', async () => {
    const logistics = await allPages('/v1/customers?industry=logistics', token.E1041 as string, 25);
    expect(logistics.items.length).toBeGreaterThan(0);
    expect(logistics.items.every((c) => c.industry === 'logistics')).toBe(true);
    expect(logistics.items[0]?.industryLabel).toEqual({ zh: '物流', en: 'Logistics' });
    // The industry is a stable code: a label is not one, and the refusal names the field and the codes.
    const byLabel = await api.get(
      `/v1/customers?industry=${encodeURIComponent('物流 Logistics')}`,
      token.E1041 as string,
    );
    expectProblem(byLabel, 400, 'validation_failed');
    expect(JSON.stringify(byLabel.body)).toMatch(/query\.industry.*logistics/);
    const keys = await allPages('/v1/customers?tier=key', token.E1041 as string, 25);
    expect(keys.items).toHaveLength(5);
    expectProblem(await api.get('/v1/customers?tier=key', token.E1002 as string), 403);
  });

  it('combines filters: each given one holds, whichever picks the customers', async () => {
    const all = await allPages('/v1/customers?ownerId=E1002', token.E1041 as string, 100);
    const { industry, region, tier } = all.items[0] as { industry: string; region: string; tier: string };
    const expected = all.items.filter((c) => c.industry === industry && c.region === region).map((c) => c.id);
    const query = `industry=${encodeURIComponent(industry)}&region=${encodeURIComponent(region)}`;
    const byOwner = await allPages(`/v1/customers?ownerId=E1002&${query}`, token.E1041 as string, 7);
    expect(byOwner.items.map((c) => c.id).sort()).toEqual([...expected].sort());
    expect(Math.max(...byOwner.sizes)).toBeLessThanOrEqual(7);
    const byIndex = await allPages(`/v1/customers?${query}&tier=${tier}`, token.E1041 as string, 10);
    expect(byIndex.items.length).toBeGreaterThan(0);
    expect(
      byIndex.items.every((c) => c.industry === industry && c.region === region && c.tier === tier),
    ).toBe(true);
    // The salesperson narrows her own book; HR's index filters stay HR's.
    const ownAll = await allPages('/v1/customers', token.E1002 as string, 100);
    const own = await allPages(`/v1/customers?${query}&ownerId=E1002`, token.E1002 as string, 25);
    expect(own.items.map((c) => c.id).sort()).toEqual(
      ownAll.items
        .filter((c) => c.industry === industry && c.region === region)
        .map((c) => c.id)
        .sort(),
    );
    expectProblem(await api.get(`/v1/customers?${query}`, token.E1002 as string), 403);
  });
});

describe('changing customers', () => {
  it('checks who may see a customer before anything else: an outsider learns nothing from If-Match or a bad body', async () => {
    const created = await api.post('/v1/customers', token.E1003 as string, newCustomer());
    const id = created.body.id as string;
    const invented = 'C99999999';
    const answer = async (customerId: string, body: unknown, ifMatch?: string) => {
      const response = await stack.request(`/v1/customers/${customerId}`, {
        method: 'PATCH',
        token: token.E1013 as string,
        headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: JSON.stringify(body),
      });
      return `${response.status} ${((await response.json()) as { code: string }).code}`;
    };
    for (const [body, ifMatch] of [
      [{ name: 'x' }, undefined],
      [{ name: 'x' }, '"v99"'],
      [{ name: 'x' }, '"v1"'],
      [{ nmae: 'x' }, '"v1"'],
      [{ name: '' }, undefined],
    ] as const) {
      expect(await answer(id, body, ifMatch)).toBe('404 not_found');
      expect(await answer(invented, body, ifMatch)).toBe('404 not_found');
    }
    // Her manager may read it, not change it: that is what he hears, whatever he sent.
    expectProblem(
      await api.patch(`/v1/customers/${id}`, token.E1001 as string, { nmae: 'x' }, '"v99"'),
      403,
      'permission_denied',
    );
    // The owner gets the checks in their order: the input, then the precondition.
    const owner = (body: unknown, ifMatch?: string) =>
      api.patch(`/v1/customers/${id}`, token.E1003 as string, body, ifMatch as string);
    expectProblem(await owner({ nmae: 'x' }, '"v99"'), 400, 'validation_failed');
    expectProblem(
      await stack
        .request(`/v1/customers/${id}`, {
          method: 'PATCH',
          token: token.E1003 as string,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'x' }),
        })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
      428,
      'if_match_required',
    );
    expectProblem(await owner({ name: 'x' }, '"v99"'), 412, 'stale_version');
  });

  it('lets exactly one of two concurrent updates with the same If-Match win; history shows just that change', async () => {
    const created = await api.post('/v1/customers', token.E1003 as string, newCustomer());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const etag = created.headers.get('etag') ?? '';
    const [a, b] = await Promise.all([
      api.patch(
        `/v1/customers/${id}`,
        token.E1003 as string,
        { preferences: '每周对账', reason: 'Customer asked' },
        etag,
      ),
      api.patch(`/v1/customers/${id}`, token.E1003 as string, { name: '长江物流集团' }, etag),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const history = await api.get(`/v1/customers/${id}/history`, token.E1003 as string);
    expect(history.body.items).toHaveLength(2);
    const [latest, first] = history.body.items ?? [];
    expect(first).toMatchObject({
      version: 1,
      actor: 'E1003',
      changes: { name: { from: null, to: '长江物流有限公司' } },
    });
    const winner =
      a.status === 200
        ? { preferences: { from: '每月初对账', to: '每周对账' } }
        : { name: { from: '长江物流有限公司', to: '长江物流集团' } };
    expect(latest).toMatchObject({ version: 2, actor: 'E1003', at: stack.clock.now().toISOString() });
    expect(latest?.changes).toEqual(winner);
  });

  it('deletes softly: gone from lists, kept in history, restored by HR with evidence', async () => {
    const created = await api.post(
      '/v1/customers',
      token.E1003 as string,
      newCustomer({ name: '要删除的客户' }),
    );
    const id = created.body.id as string;
    const deleted = await stack.request(
      `/v1/customers/${id}?reason=${encodeURIComponent('Duplicate record')}`,
      {
        method: 'DELETE',
        token: token.E1003 as string,
        headers: { 'if-match': created.headers.get('etag') ?? '' },
      },
    );
    expect(deleted.status).toBe(200);
    expect((await allPages('/v1/customers', token.E1003 as string, 50)).items.map((c) => c.id)).not.toContain(
      id,
    );
    expectProblem(await api.get(`/v1/customers/${id}`, token.E1003 as string), 404);
    const seenByHr = await api.get(`/v1/customers/${id}`, token.E1040 as string);
    expect(seenByHr.body).toMatchObject({ deletedBy: 'E1003' });

    expectProblem(
      await api.post(`/v1/customers/${id}/restore`, token.E1003 as string, { reason: 'Oops' }),
      403,
    );
    const restored = await api.post(`/v1/customers/${id}/restore`, token.E1040 as string, {
      reason: 'Deleted by mistake',
    });
    expect(restored.status).toBe(200);
    expect((await allPages('/v1/customers', token.E1003 as string, 50)).items.map((c) => c.id)).toContain(id);
    const history = await api.get(`/v1/customers/${id}/history`, token.E1003 as string);
    expect(history.body.items?.map((h) => Object.keys(h.changes as object))).toEqual([
      ['deletedAt', 'deletedBy'],
      ['deletedAt', 'deletedBy'],
      expect.any(Array),
    ]);
    const evidence = await api.get(`/v1/evidence?subject=customer:${id}`, token.E1040 as string);
    expect(evidence.body.items).toMatchObject([
      { action: 'customer.restored', actor: 'E1040', reason: 'Deleted by mistake' },
    ]);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = (await allPages('/v1/customers', token.E1003 as string, 100)).items.length;
    const cases: [Record<string, unknown>, string][] = [
      [newCustomer({ secretNotes: 'x' }), 'body.secretNotes'],
      [
        newCustomer({
          deals: [
            { date: '2026-10-01', value: { amountMinor: -5, currency: 'CNY' }, product: 'x', status: 'won' },
          ],
        }),
        'body.deals.0.value.amountMinor',
      ],
      [
        newCustomer({
          deals: [
            { date: '2026-10-01', value: { amountMinor: 5, currency: 'XBT' }, product: 'x', status: 'won' },
          ],
        }),
        'body.deals.0.value.currency',
      ],
      [newCustomer({ preferences: 'x'.repeat(4001) }), 'body.preferences'],
      [
        newCustomer({ followUps: [{ date: '2026-10-01', channel: 'call', summary: 's'.repeat(1001) }] }),
        'body.followUps.0.summary',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await api.post('/v1/customers', token.E1003 as string, body);
      expectProblem(response, 400);
      expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const otherOwner = await api.post(
      '/v1/customers',
      token.E1003 as string,
      newCustomer({ ownerId: 'E1002' }),
    );
    expectProblem(otherOwner, 403);
    const noOwner = await api.post('/v1/customers', token.E1041 as string, newCustomer({ ownerId: 'E9999' }));
    expectProblem(noOwner, 400, 'invalid_owner');
    expect(noOwner.body.errors).toEqual([
      { field: 'body.ownerId', message: 'E9999 is not a current employee' },
    ]);
    expect((await allPages('/v1/customers', token.E1003 as string, 100)).items).toHaveLength(before);
  });
});
