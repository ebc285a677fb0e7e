import { inflateRawSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIndexItems, customerItem } from '#domain/customers/index.ts';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Deals as records of their own: Li Lei (E1003) wins a deal on one of his customers with Wang Fang's
 * help; HR edits it; deals once embedded in a customer record move over, once, however often the
 * migration runs.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let customerId: string;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1002', 'E1003', 'E1004', 'E1041']) token[who] = await stack.tokenFor(who);
  const his = await api.get('/v1/customers?limit=1', token.E1003 as string);
  customerId = String(his.body.items?.[0]?.id);
});
afterAll(() => stack.stop());

const deals = () => `/v1/customers/${customerId}/deals`;
const won = {
  title: '年度框架 Annual framework',
  amount: { amountMinor: 12_000_000, currency: 'CNY' },
  status: 'won',
  closedAt: '2026-10-30',
  closedBy: 'E1003',
  assistedBy: ['E1002'],
};

describe('deals', () => {
  it('records a won deal with who closed it and who helped, once per Idempotency-Key, and lists it first', async () => {
    const headers = { 'idempotency-key': 'won-annual-framework' };
    const created = await api.post(deals(), token.E1003 as string, won, headers);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ customerId, ...won, version: 1, createdBy: 'E1003' });
    expect(created.headers.get('location')).toBe(`${deals()}/${created.body.id}`);
    const again = await api.post(deals(), token.E1003 as string, won, headers);
    expect(again.body.id).toBe(created.body.id);
    const listed = await readAllPages(api, deals(), token.E1003 as string, 5);
    expect(listed.items.filter((d) => d.title === won.title)).toHaveLength(1);
    expect(listed.items[0]?.id).toBe(created.body.id);
  });

  it('reopens, then loses a deal under If-Match; the history keeps every change, newest first', async () => {
    const open = await api.post(deals(), token.E1003 as string, {
      title: 'Spare parts',
      amount: { amountMinor: 500_000, currency: 'CNY' },
    });
    expect(open.body).toMatchObject({ status: 'open', assistedBy: [] });
    const path = `${deals()}/${open.body.id}`;
    const lost = await api.patch(
      path,
      token.E1041 as string,
      { status: 'lost', closedAt: '2026-10-31', closedBy: 'E1003', reason: 'Went to a competitor' },
      '"v1"',
    );
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', closedAt: '2026-10-31', version: 2 });
    expectProblem(await api.patch(path, token.E1003 as string, { title: 'Renamed' }, '"v1"'), 412);
    const reopened = await api.patch(
      path,
      token.E1003 as string,
      { status: 'open', closedAt: null, closedBy: null },
      '"v2"',
    );
    expect(reopened.body).toMatchObject({ status: 'open', version: 3 });
    expect(reopened.body.closedAt).toBeUndefined();
    const history = await api.get(`${path}/history`, token.E1003 as string);
    expect(
      history.body.items?.map((h) => [h.version, h.actor, Object.keys(h.changes as object).sort()]),
    ).toEqual([
      [3, 'E1003', ['closedAt', 'closedBy', 'status']],
      [2, 'E1041', ['closedAt', 'closedBy', 'status']],
      [1, 'E1003', ['amount', 'assistedBy', 'status', 'title']],
    ]);
    expect(history.body.items?.[1]).toMatchObject({ reason: 'Went to a competitor' });
  });

  it('refuses a closed deal without when or by whom, an unknown helper, a future day (400 naming the field); others’ customers (403, 404)', async () => {
    const noCloser = await api.post(deals(), token.E1003 as string, { ...won, closedBy: undefined });
    expectProblem(noCloser, 400);
    expect(noCloser.body.errors).toMatchObject([{ field: 'body.closedBy' }]);
    const unknown = await api.post(deals(), token.E1003 as string, { ...won, assistedBy: ['E9999'] });
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.assistedBy.0' }]);
    const future = await api.post(deals(), token.E1003 as string, { ...won, closedAt: '2026-12-24' });
    expect(future.body.errors).toMatchObject([{ field: 'body.closedAt' }]);
    const self = await api.post(deals(), token.E1003 as string, { ...won, assistedBy: ['E1003'] });
    expect(self.body.errors).toMatchObject([{ field: 'body.assistedBy' }]);
    // Wang Fang manages Li Lei: she reads his customer's deals but does not record them.
    expect((await api.get(deals(), token.E1002 as string)).status).toBe(200);
    expectProblem(await api.post(deals(), token.E1002 as string, won), 403);
    expectProblem(await api.get(deals(), token.E1004 as string), 404, 'not_found');
    const listed = await readAllPages(api, deals(), token.E1003 as string, 50);
    expect(listed.items.filter((d) => d.closedBy === undefined && d.status !== 'open')).toEqual([]);
  });

  it('moves deals once embedded in a customer record to deal records: once, however often it runs', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    const legacy = {
      id: 'C09990001',
      name: '旧记录 Legacy Trading',
      industry: 'retail' as const,
      region: '华东 East China',
      tier: 'standard' as const,
      ownerId: 'E1003',
      contacts: [],
      preferences: '',
      followUps: [],
      tags: [],
    };
    const embedded = [
      { date: '2025-03-01', value: { amountMinor: 100_000, currency: 'CNY' }, product: 'A', status: 'won' },
      { date: '2025-06-01', value: { amountMinor: 200_000, currency: 'USD' }, product: 'B', status: 'lost' },
      { date: '2025-09-01', value: { amountMinor: 300_000, currency: 'CNY' }, product: 'C', status: 'open' },
    ];
    for (const Item of [
      { ...customerItem({ ...legacy, version: 1, createdAt: at, updatedAt: at }), deals: embedded },
      ...customerIndexItems(legacy),
    ])
      await stack.clients.dynamo.send(new PutCommand({ TableName: stack.names.tables.hr, Item }));
    const daily = {
      id: 'daily-2026-11-02',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-02T18:00:00Z',
      detail: {},
    };
    const first = (await stack.functions.invoke('CustomerUpkeep', daily)) as Record<string, number>;
    expect(first).toMatchObject({ moved: 1, deals: 3 });
    const second = (await stack.functions.invoke('CustomerUpkeep', {
      ...daily,
      id: 'daily-2026-11-03',
    })) as Record<string, number>;
    expect(second).toMatchObject({ moved: 0, deals: 0, built: 0 });

    const moved = await readAllPages(api, `/v1/customers/${legacy.id}/deals`, token.E1003 as string, 10);
    expect(
      moved.items.map((d) => [d.title, d.status, d.closedAt ?? null, d.closedBy ?? null]).sort(),
    ).toEqual([
      ['A', 'won', '2025-03-01', 'E1003'],
      ['B', 'lost', '2025-06-01', 'E1003'],
      ['C', 'open', null, null],
    ]);
    const customer = await api.get(`/v1/customers/${legacy.id}`, token.E1003 as string);
    expect(customer.body).toMatchObject({ version: 2 });
    expect(customer.body.deals).toBeUndefined();
    const history = await api.get(`/v1/customers/${legacy.id}/history`, token.E1003 as string);
    expect(history.body.items?.[0]).toMatchObject({ actor: 'system', changes: { deals: { to: null } } });
    // The knowledge record beside it counts each deal once: one won (CNY), one lost, one open.
    const { Item } = await stack.clients.dynamo.send(
      new GetCommand({ TableName: stack.names.tables.hr, Key: { pk: `CUST#${legacy.id}`, sk: 'KNOWLEDGE' } }),
    );
    const activity = JSON.parse(
      inflateRawSync(Buffer.from(String(Item?.activity), 'base64')).toString('utf8'),
    );
    expect(activity).toMatchObject({
      won: { '2025-03-01': { CNY: 100_000 } },
      work: { E1003: { '2025-03-01': [1, 0, 0, 0], '2025-06-01': [0, 1, 0, 0] } },
      openMinor: 300_000,
    });
  });
});
