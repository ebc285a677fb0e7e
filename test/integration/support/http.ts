import { expect } from 'vitest';
import type { TestRuntime } from './testRuntime.ts';

/** Small helpers for driving the local HTTP API the way a client would. */
export function client(stack: Pick<TestRuntime, 'request'>) {
  const call = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await stack.request(path, {
      method,
      token,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & {
        items?: Record<string, unknown>[];
      },
    };
  };
  return {
    get: (path: string, token: string) => call('GET', path, token),
    post: (path: string, token: string, body: unknown, headers?: Record<string, string>) =>
      call('POST', path, token, body, headers),
    /** PUT, with `If-Match` where the route takes one. */
    put: (path: string, token: string, body: unknown, etag?: string) =>
      call('PUT', path, token, body, etag === undefined ? {} : { 'if-match': etag }),
    patch: (path: string, token: string, body: unknown, etag: string) =>
      call('PATCH', path, token, body, { 'if-match': etag }),
    /** PATCH with the ETag read just before. */
    async change(path: string, token: string, body: unknown) {
      const current = await call('GET', path, token);
      return call('PATCH', path, token, body, { 'if-match': current.headers.get('etag') ?? '"v0"' });
    },
  };
}

/** A call's body when it succeeded; otherwise the test stops there with the status and problem. */
export const must = async (response: Promise<{ status: number; body: Record<string, unknown> }>) => {
  const r = await response;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Every page of a listing, following nextCursor; the sizes of the pages too. */
export async function readAllPages(
  api: ReturnType<typeof client>,
  path: string,
  token: string,
  limit: number,
) {
  const items: Record<string, unknown>[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api.get(
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    sizes.push(page.body.items?.length ?? 0);
    items.push(...(page.body.items ?? []));
    cursor = page.body.nextCursor as string | undefined;
  } while (cursor);
  return { items, sizes };
}

export function expectProblem(
  response: { status: number; body: Record<string, unknown> },
  status: number,
  code?: string,
) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (code) expect(response.body.code).toBe(code);
}

/**
 * A case as a client that wants all of it reads it: GET /v1/offboarding/{id}, then each node's
 * remaining pages through GET …/items?node= (the case carries counts and the first page); the
 * node's items come back as one array under `items.<node>`.
 */
export async function readWholeCase(
  api: ReturnType<typeof client>,
  caseId: string,
  token: string,
): Promise<Record<string, unknown> & { items: Record<string, unknown> }> {
  const read = await api.get(`/v1/offboarding/${caseId}`, token);
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  const items: Record<string, unknown> = {};
  for (const [node, shown] of Object.entries(read.body.items as unknown as Record<string, unknown>)) {
    const page = shown as { total?: number; items?: unknown[]; nextCursor?: string } | undefined;
    if (page?.total === undefined || !page.items) {
      items[node] = shown;
      continue;
    }
    const all = [...page.items];
    for (let cursor = page.nextCursor; cursor; ) {
      const next = await api.get(
        `/v1/offboarding/${caseId}/items?node=${node}&limit=100&cursor=${encodeURIComponent(cursor)}`,
        token,
      );
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      all.push(...(next.body.items ?? []));
      cursor = next.body.nextCursor as string | undefined;
    }
    expect(all).toHaveLength(page.total);
    items[node] = all;
  }
  return { ...read.body, items };
}
