import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaseStore } from '#adapters/aws/offboarding/caseStore.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { caseKeys } from '#domain/offboarding/case.ts';
import { type Signature, verifySignature } from '#kernel/signature.ts';
import { addCustomers } from '../support/books.ts';
import { client, readWholeCase } from '../support/http.ts';
import { startTestRuntime, type TestRuntime, testEpoch } from '../support/testRuntime.ts';

/**
 * A sales rep with a large book: E1014 owns her five demo customers and 200 more, 205 in all, beyond
 * DynamoDB's 100 items per transaction. The clock starts on Monday 2026-11-02 09:00 in Shanghai.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let caseId: string;

type CustomerView = { id: string; successorId: string; sha256: string; status: string };
type CaseBody = { status: string; items: { customers: CustomerView[] } };
type CasePage = {
  items: {
    customers: {
      total: number;
      byStatus: Record<string, number>;
      items: CustomerView[];
      nextCursor?: string;
    };
  };
};
const wholeCase = async (as: string) =>
  (await readWholeCase(api, caseId, token[as] as string)) as unknown as CaseBody;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1013', 'E1014', 'E1015', 'E1040', 'E1041']) token[id] = await stack.tokenFor(id);
  await addCustomers(stack.clients.dynamo, stack.names.tables.hr, {
    ownerId: 'E1014',
    count: 200,
    idPrefix: 'C9',
    at: testEpoch,
  });
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
    const c = await wholeCase('E1041');
    expect(c.status).toBe('open');
    expect(c.items.customers).toHaveLength(205);
    expect(new Set(c.items.customers.map((i) => i.id)).size).toBe(205);
  });

  it('shows the counts and the first page in the case, and pages the rest in id order', async () => {
    const read = await api.get(`/v1/offboarding/${caseId}`, token.E1041 as string);
    const page = (read.body as unknown as CasePage).items.customers;
    expect(page).toMatchObject({ total: 205, byStatus: { pending: 205 } });
    expect(page.items).toHaveLength(25);
    const next = await api.get(
      `/v1/offboarding/${caseId}/items?node=customers&limit=100&cursor=${encodeURIComponent(page.nextCursor as string)}`,
      token.E1041 as string,
    );
    expect(next.status).toBe(200);
    const ids = (next.body.items ?? []).map((i) => String(i.id));
    expect(ids).toHaveLength(100);
    expect(String(ids[0]) > String(page.items.at(-1)?.id)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    // A cursor is the reader's own: another reader's request with it is refused.
    const foreign = await api.get(
      `/v1/offboarding/${caseId}/items?node=customers&cursor=${encodeURIComponent(page.nextCursor as string)}`,
      token.E1013 as string,
    );
    expect(foreign.status).toBe(400);
    // To outsiders the case is not there, as an invented one is not.
    const outsider = await api.get(`/v1/offboarding/${caseId}/items?node=customers`, token.E1015 as string);
    expect(outsider.status).toBe(404);
  });

  it('gives every one of them the successor her manager names later', async () => {
    const named = await api.change('/v1/employees/E1014/resignation', token.E1013 as string, {
      successorIds: ['E1015'],
      reason: 'He takes her book',
    });
    expect(named.status).toBe(200);
    await stack.catchUp();
    expect(stack.bus.failures).toEqual([]);
    const c = await wholeCase('E1041');
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

  it('takes all 205 in one signed acceptance whose statement is stored once: every answer stays small', async () => {
    const before = await wholeCase('E1015');
    const accepted = await api.post(`/v1/offboarding/${caseId}/customers/accept`, token.E1015 as string, {
      items: before.items.customers.map((i) => ({ customerId: i.id, sha256: i.sha256 })),
    });
    expect(accepted.status).toBe(200);
    // The answer is the case with 25 customers, not 205 copies of a statement of 205 customers.
    expect(JSON.stringify(accepted.body).length).toBeLessThan(40_000);
    expect((accepted.body as unknown as CasePage).items.customers.byStatus).toEqual({ accepted: 205 });

    const after = await wholeCase('E1015');
    const refs = after.items.customers.map((i) => (i as unknown as { signature: Signature }).signature);
    expect(new Set(refs.map((r) => r.statementSha256)).size).toBe(1);
    expect(refs.every((r) => !('statement' in r))).toBe(true);
    const sha256 = refs[0]?.statementSha256 as string;
    const stored = await api.get(`/v1/offboarding/${caseId}/statements/${sha256}`, token.E1015 as string);
    expect(stored.status).toBe(200);
    const statement = stored.body.statement as { customers: { id: string }[]; successorId: string };
    expect(statement.successorId).toBe('E1015');
    expect(statement.customers).toHaveLength(205);
    const key = await api.get('/v1/signing-key', '');
    expect(verifySignature({ ...(refs[0] as Signature), statement }, String(key.body.publicKeyPem))).toBe(
      true,
    );
    expect(
      (await api.get(`/v1/offboarding/${caseId}/statements/${'0'.repeat(64)}`, token.E1015 as string)).status,
    ).toBe(404);
  });

  it('still finds the statement of an item signed before statements were stored apart', async () => {
    const table = makeHrTable(stack.clients.dynamo, stack.names.tables.hr);
    const store = makeCaseStore(stack.clients.dynamo, table);
    const legacy = { caseId, node: 'legacy', customers: ['C00001'] };
    const sha256 = 'a'.repeat(64);
    await stack.clients.dynamo.send(
      new PutCommand({
        TableName: stack.names.tables.hr,
        Item: {
          ...caseKeys.handoverItem(caseId, 'legacy', 'L1'),
          type: 'HandoverItem',
          node: 'legacy',
          id: 'L1',
          status: 'accepted',
          signature: { statementSha256: sha256, statement: legacy },
          version: 2,
        },
      }),
    );
    const statements = await store.statements(caseId);
    expect(statements.get(sha256)).toEqual(legacy);
    expect(statements.size).toBe(2); // the one acceptance of 205, and the legacy one
  });
});
