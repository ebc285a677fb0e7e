import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionManifest } from '#functions/manifest.ts';
import { conventionRoutes } from '../support/conventions/routes.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let token: string;
let otherToken: string;

beforeAll(async () => {
  stack = await startTestRuntime({
    manifest: [
      ...functionManifest,
      {
        id: 'TestConventions',
        entry: 'test/integration/support/conventions/handler.ts',
        description: 'Exercises the HTTP conventions',
        triggers: [{ kind: 'http', routes: conventionRoutes }],
        needs: { tables: { hr: 'write', idempotency: 'write' }, cursorKey: true },
      },
    ],
  });
  token = await stack.account('E2001', ['employee']);
  otherToken = await stack.account('E2002', ['employee']);
});
afterAll(() => stack.stop());

const json = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(body),
});

describe('Idempotency-Key on creating POSTs', () => {
  it('answers a retry with the first response and creates nothing twice', async () => {
    const key = { 'idempotency-key': 'create-note-0001' };
    const first = await stack.request('/test/notes', { token, ...json({ title: '王芳的客户' }, key) });
    const retry = await stack.request('/test/notes', { token, ...json({ title: '王芳的客户' }, key) });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    const [a, b] = [await first.json(), await retry.json()];
    expect(b).toEqual(a);
    const list = (await (await stack.request('/test/notes?limit=100', { token })).json()) as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(1);
  });

  it('refuses the same key with a different body, and scopes keys to the caller', async () => {
    const key = { 'idempotency-key': 'create-note-0002' };
    expect((await stack.request('/test/notes', { token, ...json({ title: 'one' }, key) })).status).toBe(201);
    const reused = await stack.request('/test/notes', { token, ...json({ title: 'two' }, key) });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const otherCaller = await stack.request('/test/notes', {
      token: otherToken,
      ...json({ title: 'two' }, key),
    });
    expect(otherCaller.status).toBe(201);
  });

  it('refuses a malformed key, naming the header', async () => {
    const response = await stack.request('/test/notes', {
      token,
      ...json({ title: 'x' }, { 'idempotency-key': 'short' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'headers.idempotency-key' }] });
  });
});

describe('cursor pagination', () => {
  it('pages through every item exactly once, never more than the limit per page', async () => {
    const owner = await stack.account('E2003', ['employee']);
    for (let n = 0; n < 7; n++) {
      stack.clock.advance(1000);
      await stack.request('/test/notes', { token: owner, ...json({ title: `note ${n}` }) });
    }
    const titles: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (
        await stack.request(`/test/notes?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
          token: owner,
        })
      ).json()) as { items: { title: string }[]; nextCursor?: string };
      sizes.push(page.items.length);
      titles.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes.every((s) => s <= 3)).toBe(true);
    expect(titles).toEqual(Array.from({ length: 7 }, (_, n) => `note ${n}`));
  });

  it('gives cursors that say nothing of the table, and refuses an edited one or one given to another caller', async () => {
    const page = (await (await stack.request('/test/notes?limit=1', { token })).json()) as {
      nextCursor: string;
    };
    const decoded = Buffer.from(page.nextCursor, 'base64url').toString('latin1');
    expect(decoded).not.toMatch(/pk|sk|TESTNOTES|E200/);
    const bytes = Buffer.from(page.nextCursor, 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1; // one bit of the sealed key flipped
    const edited = bytes.toString('base64url');
    for (const [cursor, caller] of [
      [edited, token],
      [page.nextCursor, otherToken],
      ['garbage', token],
      [`${Buffer.from('{"pk":"TESTNOTES#E2003","sk":"z"}').toString('base64url')}`, token],
    ] as const) {
      const response = await stack.request(`/test/notes?cursor=${encodeURIComponent(cursor)}`, {
        token: caller,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'invalid_cursor',
        errors: [{ field: 'query.cursor' }],
      });
    }
  });

  it('refuses a limit out of range, naming query.limit', async () => {
    for (const limit of ['0', '101', 'many']) {
      const response = await stack.request(`/test/notes?limit=${limit}`, { token });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'query.limit' }] });
    }
  });
});

describe('ETag and If-Match', () => {
  it('lets exactly one of two concurrent updates with the same If-Match win; the other gets 412', async () => {
    const created = await stack.request('/test/notes', { token, ...json({ title: 'contested' }) });
    const { id } = (await created.json()) as { id: string };
    const etag = created.headers.get('etag') ?? '';
    const update = (title: string) =>
      stack.request(`/test/notes/${id}`, {
        token,
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ title }),
      });
    const statuses = (await Promise.all([update('by Li Lei'), update('by Wang Fang')]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 412]);
    const current = await stack.request(`/test/notes/${id}`, { token });
    expect(current.headers.get('etag')).toBe('"v2"');
  });

  it('requires If-Match on updates (428) and reports a stale one (412) without changing anything', async () => {
    const created = await stack.request('/test/notes', { token, ...json({ title: 'kept' }) });
    const { id } = (await created.json()) as { id: string };
    const patch = (headers: Record<string, string>) =>
      stack.request(`/test/notes/${id}`, {
        token,
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ title: 'changed' }),
      });
    expect((await patch({})).status).toBe(428);
    expect((await patch({ 'if-match': '"v7"' })).status).toBe(412);
    expect(await (await stack.request(`/test/notes/${id}`, { token })).json()).toMatchObject({
      title: 'kept',
      version: 1,
    });
  });

  it("hides another caller's note entirely (404, not 403)", async () => {
    const created = await stack.request('/test/notes', { token, ...json({ title: 'mine' }) });
    const { id } = (await created.json()) as { id: string };
    expect((await stack.request(`/test/notes/${id}`, { token: otherToken })).status).toBe(404);
  });
});

describe('bad bodies change nothing', () => {
  it('names unknown fields, wrong types, bad JSON and the wrong media type', async () => {
    const unknown = await stack.request('/test/notes', { token, ...json({ title: 'x', owner: 'E1' }) });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ field: 'body.owner' }] });

    const wrongType = await stack.request('/test/notes', { token, ...json({ title: 42 }) });
    expect(await wrongType.json()).toMatchObject({ errors: [{ field: 'body.title' }] });

    const malformed = await stack.request('/test/notes', {
      token,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(await malformed.json()).toMatchObject({ status: 400, code: 'malformed_json' });

    const form = await stack.request('/test/notes', {
      token,
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'title=x',
    });
    expect(form.status).toBe(415);

    const list = (await (await stack.request('/test/notes?limit=100', { token: otherToken })).json()) as {
      items: { title: string }[];
    };
    expect(list.items.map((i) => i.title)).toEqual(['two']);
  });
});
