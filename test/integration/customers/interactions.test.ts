import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Follow-ups with a customer as records: Wang Fang (E1002) visits one of her key accounts with Li Lei
 * (E1003); her manager Zhang Wei (E1001) calls it; HR records one for Li Lei.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let customerId: string;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1001', 'E1002', 'E1003', 'E1014', 'E1041']) token[who] = await stack.tokenFor(who);
  const keyAccounts = await api.get('/v1/customers?ownerId=E1002&tier=key&limit=1', token.E1002 as string);
  customerId = String(keyAccounts.body.items?.[0]?.id);
});
afterAll(() => stack.stop());

const path = () => `/v1/customers/${customerId}/interactions`;
/** The demo's two years of follow-ups fall on the 8th and the 18th; these tests record theirs in late October. */
const recordedHere = (items: Record<string, unknown>[]) =>
  items.filter((i) => String(i.at) >= '2026-10-19' && String(i.at) < '2026-11');

describe('interactions', () => {
  it('records the owner’s visit with a colleague, at the time given in any offset, once per Idempotency-Key', async () => {
    const body = {
      kind: 'visit',
      at: '2026-10-20T10:00:00+08:00',
      note: '季度回访 Quarterly review',
      participants: ['E1003', 'E1003', 'E1002'],
    };
    const headers = { 'idempotency-key': 'visit-quarterly-review' };
    const recorded = await api.post(path(), token.E1002 as string, body, headers);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body).toMatchObject({
      customerId,
      employeeId: 'E1002',
      kind: 'visit',
      at: '2026-10-20T02:00:00.000Z',
      participants: ['E1003'],
      recordedBy: 'E1002',
    });
    const again = await api.post(path(), token.E1002 as string, body, headers);
    expect(again.body.id).toBe(recorded.body.id);
  });

  it('lets the manager record his own call, HR one for Li Lei; lists them newest first', async () => {
    const call = await api.post(path(), token.E1001 as string, {
      kind: 'call',
      at: '2026-10-25T09:30:00Z',
      note: 'Price talk',
    });
    expect(call.status).toBe(201);
    const forLiLei = await api.post(path(), token.E1041 as string, {
      kind: 'wecom',
      at: '2026-10-22T12:00:00Z',
      note: 'Delivery dates',
      employeeId: 'E1003',
    });
    expect(forLiLei.body).toMatchObject({ employeeId: 'E1003', recordedBy: 'E1041' });
    const all = await readAllPages(api, path(), token.E1001 as string, 2);
    expect(recordedHere(all.items).map((i) => [i.kind, i.employeeId])).toEqual([
      ['call', 'E1001'],
      ['wecom', 'E1003'],
      ['visit', 'E1002'],
    ]);
    expect(Math.max(...all.sizes)).toBeLessThanOrEqual(2);
  });

  it('refuses what nobody may record: someone else’s (403), an unknown colleague or a future time (400, naming the field); 404 to outsiders', async () => {
    const base = { kind: 'meeting', at: '2026-10-26T09:00:00Z', note: 'Lunch' };
    expectProblem(await api.post(path(), token.E1002 as string, { ...base, employeeId: 'E1003' }), 403);
    const unknown = await api.post(path(), token.E1002 as string, { ...base, participants: ['E9999'] });
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.participants.0' }]);
    const future = await api.post(path(), token.E1002 as string, { ...base, at: '2030-01-01T00:00:00Z' });
    expect(future.body.errors).toMatchObject([{ field: 'body.at' }]);
    const bad = await api.post(path(), token.E1002 as string, { ...base, kind: 'telepathy' });
    expect(bad.body.errors).toMatchObject([{ field: 'body.kind' }]);
    // Li Lei cannot see Wang Fang's key account: neither its follow-ups nor that it exists.
    expectProblem(await api.get(path(), token.E1003 as string), 404, 'not_found');
    expectProblem(await api.post(path(), token.E1014 as string, { kind: 'call' }), 404, 'not_found');
    expect(recordedHere((await readAllPages(api, path(), token.E1041 as string, 10)).items)).toHaveLength(3);
  });
});
