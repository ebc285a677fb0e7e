import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 9's anonymous part: someone writes "overtime pay is computed unfairly"; HR asks a follow-up
 * question in the thread; the writer answers with the receipt; nobody, HR included, can tell who it
 * was — not from the API, and not from anything stored.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const suite = RSABSSA.SHA384.PSS.Randomized();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
type Token = { epoch: string; message: string; signature: string };

/** What an employee's app does: blind n messages with the month's key, have them signed, finish them. */
async function tokensFor(who: string, n: number): Promise<Token[]> {
  const credentials = await api.get('/v1/feedback/credentials', token[who] as string);
  expect(credentials.status, JSON.stringify(credentials.body)).toBe(200);
  const publicKey = await crypto.subtle.importKey(
    'spki',
    Buffer.from(String(credentials.body.publicKey), 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = Array.from({ length: n }, () => suite.prepare(crypto.getRandomValues(new Uint8Array(32))));
  const blinded = await Promise.all(prepared.map((p) => suite.blind(publicKey, p)));
  const signed = await api.post('/v1/feedback/credentials', token[who] as string, {
    blindedMessages: blinded.map((b) => b64(b.blindedMsg)),
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(201);
  const signatures = signed.body.blindSignatures as string[];
  return Promise.all(
    prepared.map(async (message, i) => ({
      epoch: String(signed.body.epoch),
      message: b64(message),
      signature: b64(
        await suite.finalize(
          publicKey,
          message,
          new Uint8Array(Buffer.from(signatures[i] as string, 'base64url')),
          (blinded[i] as { inv: Uint8Array }).inv,
        ),
      ),
    })),
  );
}

/** A request with no identity at all, as the author's app sends it: a token or a receipt in its header. */
const anonymous = (method: string, path: string, body?: unknown, credential?: Token | string) =>
  stack
    .request(path, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(typeof credential === 'string' ? { 'feedback-receipt': credential } : {}),
        ...(typeof credential === 'object'
          ? { 'feedback-token': `${credential.epoch}.${credential.message}.${credential.signature}` }
          : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

/** Every item anonymous feedback wrote, as stored. */
async function storedFeedback() {
  const { Items = [] } = await stack.clients.dynamo.send(
    new ScanCommand({ TableName: stack.names.tables.hr }),
  );
  return Items.filter((i) => String(i.pk).startsWith('FEEDBACK'));
}

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1003', 'E1004', 'E1041', 'E1001', 'E1071']) token[who] = await stack.tokenFor(who);
});
afterAll(() => stack.stop());

let receipt: string;
const unfair = '加班费的计算方式不公平 Overtime pay is computed unfairly';

describe('anonymous feedback', () => {
  it('gives a current employee tokens up to the month’s limit, and no more', async () => {
    const five = await tokensFor('E1004', 5);
    expect(five).toHaveLength(5);
    const credentials = await api.get('/v1/feedback/credentials', token.E1004 as string);
    expect(credentials.body).toMatchObject({ limit: 5, issued: 5, remaining: 0, epoch: '2026-11' });
    const again = await api.post('/v1/feedback/credentials', token.E1004 as string, {
      blindedMessages: ['AAAA'],
    });
    expectProblem(again, 409, 'feedback_quota_reached');
  });

  it('takes an item for a genuine token from nobody, and refuses a spent, forged or stale one', async () => {
    const [first, second] = await tokensFor('E1003', 2);
    const sent = await anonymous(
      'POST',
      '/v1/feedback',
      { topic: 'overtime', text: unfair, group: { kind: 'department', id: 'D02' } },
      first,
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ day: '2026-11-02', group: { kind: 'department', id: 'D02' } });
    receipt = String(sent.body.receipt);
    expectProblem(
      await anonymous('POST', '/v1/feedback', { topic: 'pay', text: 'Once more' }, first),
      409,
      'feedback_token_spent',
    );
    const forged = { ...second, signature: b64(new Uint8Array(256).fill(7)) } as Token;
    expectProblem(
      await anonymous('POST', '/v1/feedback', { topic: 'pay', text: 'Forged' }, forged),
      403,
      'feedback_token_invalid',
    );
    const stale = { ...second, epoch: '2026-09' } as Token;
    expectProblem(
      await anonymous('POST', '/v1/feedback', { topic: 'pay', text: 'Too old' }, stale),
      403,
      'feedback_token_invalid',
    );
    // A department of two (administration) is too small to name: the label is the company above it.
    const small = await anonymous(
      'POST',
      '/v1/feedback',
      {
        topic: 'workload',
        text: '行政部人手不足 The admin office is understaffed',
        group: { kind: 'department', id: 'D05' },
      },
      second,
    );
    expect(small.body.group).toMatchObject({ kind: 'department', id: 'D01' });
  });

  it('stores nothing that names, dates or links an author: two items of one person share no more than items of two', async () => {
    const [mine] = await tokensFor('E1003', 1);
    const [theirs] = await tokensFor('E1071', 1);
    for (const t of [mine, theirs])
      expect(
        (
          await anonymous(
            'POST',
            '/v1/feedback',
            { topic: 'overtime', text: 'Same words', group: { kind: 'department', id: 'D02' } },
            t,
          )
        ).status,
      ).toBe(201);
    const stored = await storedFeedback();
    const allowed = new Set([
      'pk',
      'sk',
      'type',
      'gsi1pk',
      'gsi1sk',
      'id',
      'day',
      'topic',
      'text',
      'group',
      'status',
      'messages',
      'version',
      'seq',
      'from',
      'feedbackId',
      'issued',
    ]);
    for (const item of stored) {
      expect(Object.keys(item).filter((k) => !allowed.has(k))).toEqual([]);
      const text = JSON.stringify(item);
      // No time finer than the day, and no person, except the count of tokens someone obtained.
      expect(text).not.toMatch(/T\d\d:\d\d/);
      if (!String(item.pk).startsWith('FEEDBACKISSUE#')) expect(text).not.toMatch(/E\d{4}/);
    }
    const values = (item: Record<string, unknown>) =>
      new Set(
        Object.entries(item)
          .filter(([k]) => !['pk', 'sk', 'gsi1sk', 'id', 'feedbackId'].includes(k))
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`),
      );
    const items = stored.filter((i) => i.sk === 'FEEDBACK' && i.text === 'Same words');
    expect(items).toHaveLength(2);
    const [a, b] = items.map(values) as [Set<string>, Set<string>];
    // The two share exactly what the message says of itself; nothing else could tie them together.
    expect([...a].filter((v) => !b.has(v)).sort()).toEqual([]);
    const issuance = stored.filter((i) => String(i.pk).startsWith('FEEDBACKISSUE#'));
    expect(issuance.map((i) => Object.keys(i).sort())).toEqual(
      issuance.map(() => ['issued', 'pk', 'sk', 'type']),
    );
  });

  it('lets HR ask in the thread and the author answer by receipt; a wrong receipt opens nothing', async () => {
    expectProblem(await api.get('/v1/feedback', token.E1001 as string), 403, 'permission_denied');
    const list = await api.get('/v1/feedback?limit=100', token.E1041 as string);
    const item = (list.body.items ?? []).find((i) => i.text === unfair) as { id: string };
    expect(item).toBeDefined();
    const asked = await api.post(`/v1/feedback/${item.id}/replies`, token.E1041 as string, {
      text: '是哪个月的加班？ Which month’s overtime?',
    });
    expect(asked.status).toBe(201);
    const thread = await anonymous('GET', '/v1/feedback/thread', undefined, receipt);
    expect(thread.status).toBe(200);
    expect(thread.body.messages).toMatchObject([
      { seq: 1, from: 'author', text: unfair },
      { seq: 2, from: 'hr', by: 'E1041' },
    ]);
    const answered = await anonymous(
      'POST',
      '/v1/feedback/thread',
      { text: '十月，周末加班 October, weekends' },
      receipt,
    );
    expect(answered.status).toBe(201);
    const read = await api.get(`/v1/feedback/${item.id}`, token.E1041 as string);
    expect((read.body.messages as { from: string; by?: string }[]).map((m) => [m.from, m.by])).toEqual([
      ['author', undefined],
      ['hr', 'E1041'],
      ['author', undefined],
    ]);
    const resolved = await api.patch(
      `/v1/feedback/${item.id}`,
      token.E1041 as string,
      { status: 'resolved', outcome: '周末加班按两倍计算已更正 Weekend overtime is now paid double' },
      String(read.headers.get('etag')),
    );
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect((await anonymous('GET', '/v1/feedback/thread', undefined, receipt)).body).toMatchObject({
      status: 'resolved',
      outcome: '周末加班按两倍计算已更正 Weekend overtime is now paid double',
    });
    expectProblem(await anonymous('GET', '/v1/feedback/thread', undefined, 'x'.repeat(43)), 404, 'not_found');
    expectProblem(await anonymous('GET', '/v1/feedback/thread'), 404, 'not_found');
  });

  it('points out names and ids in a draft without keeping or spending anything', async () => {
    const [draft] = await tokensFor('E1003', 1);
    const before = (await storedFeedback()).length;
    const checked = await anonymous(
      'POST',
      '/v1/feedback/check',
      { text: '王芳 (E1002) 总让我们周末加班，电话 138 1234 5678' },
      draft,
    );
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect((checked.body.findings as { kind: string; text: string }[]).map((f) => [f.kind, f.text])).toEqual([
      ['colleague', '王芳'],
      ['employeeId', 'E1002'],
      ['phone', '138 1234 5678'],
    ]);
    expect((await storedFeedback()).length).toBe(before);
    expect((await anonymous('POST', '/v1/feedback', { topic: 'other', text: 'Later' }, draft)).status).toBe(
      201,
    );
  });

  it('summarizes for HR only what is large enough to hide in', async () => {
    expectProblem(await api.get('/v1/feedback/summary', token.E1003 as string), 403, 'permission_denied');
    const summary = await api.get('/v1/feedback/summary', token.E1041 as string);
    expect(summary.status).toBe(200);
    expect(summary.body.total).toBe(5);
    // Five items in three groups: no group and no topic has five, so no count is shown but the total.
    const rows = summary.body.rows as {
      counts: (number | null)[];
      total: number | null;
      excerpts: unknown[];
    }[];
    expect(rows.flatMap((r) => [...r.counts, r.total]).every((c) => c === null)).toBe(true);
    expect(rows.flatMap((r) => r.excerpts)).toEqual([]);
  });
});
