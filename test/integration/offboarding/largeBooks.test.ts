import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIndexItems, customerItem } from '#domain/customers/index.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime, testEpoch } from '../support/testRuntime.ts';

/**
 * A sales rep with a large book: E1014 owns her five demo customers and 200 more, 205 in all, beyond
 * DynamoDB's 100 items per transaction. The clock starts on Monday 2026-11-02 09:00 in Shanghai.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let caseId: string;

type CaseBody = { status: string; items: { customers: { id: string; successorId: string }[] } };

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1013', 'E1014', 'E1015', 'E1040', 'E1041']) token[id] = await stack.tokenFor(id);
  const more = Array.from({ length: 200 }, (_, n) => {
    const id = `C9${String(n).padStart(4, '0')}`;
    const record = {
      id,
      name: `大客户 ${id}`,
      industry: '制造 Manufacturing',
      region: '华东 East China',
      tier: 'standard' as const,
      ownerId: 'E1014',
      contacts: [],
      deals: [],
      preferences: '',
      followUps: [],
      tags: [],
      version: 1,
      createdAt: testEpoch,
      updatedAt: testEpoch,
    };
    return [customerItem(record), ...customerIndexItems(record)];
  });
  await writeAll(stack.clients.dynamo, stack.names.tables.hr, more.flat());
});
afterAll(() => stack.stop());

describe('a book of 205 customers', () => {
  it('opens a case with every customer in it', async () => {
    const submitted = await api.post('/v1/employees/E1014/resignation', token.E1041 as string, {
      lastWorkingDay: '2026-11-27',
      reason: 'Recorded by HR',
    });
    expect(submitted.status).toBe(201);
    caseId = String(submitted.body.id);
    await stack.catchUp();
    const c = (await api.get(`/v1/offboarding/${caseId}`, token.E1041 as string)).body as unknown as CaseBody;
    expect(c.status).toBe('open');
    expect(c.items.customers).toHaveLength(205);
  });

  it('gives every one of them the successor her manager names later', async () => {
    const named = await api.change('/v1/employees/E1014/resignation', token.E1013 as string, {
      successorIds: ['E1015'],
      reason: 'He takes her book',
    });
    expect(named.status).toBe(200);
    await stack.catchUp();
    expect(stack.bus.failures).toEqual([]);
    const c = (await api.get(`/v1/offboarding/${caseId}`, token.E1041 as string)).body as unknown as CaseBody;
    expect(c.status).toBe('open');
    expect(c.items.customers.filter((i) => i.successorId === 'E1015')).toHaveLength(205);
    const evidence = await api.get(
      `/v1/evidence?subject=employee:E1014&action=offboarding.items-assigned&limit=100`,
      token.E1040 as string,
    );
    const assigned = (evidence.body.items as { details: { customers: string[] } }[]).flatMap(
      (e) => e.details.customers,
    );
    expect(new Set(assigned).size).toBe(205);
  });
});
