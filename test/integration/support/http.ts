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
    put: (path: string, token: string, body: unknown, etag: string) =>
      call('PUT', path, token, body, { 'if-match': etag }),
    patch: (path: string, token: string, body: unknown, etag: string) =>
      call('PATCH', path, token, body, { 'if-match': etag }),
    /** PATCH with the ETag read just before. */
    async change(path: string, token: string, body: unknown) {
      const current = await call('GET', path, token);
      return call('PATCH', path, token, body, { 'if-match': current.headers.get('etag') ?? '"v0"' });
    },
  };
}

export function expectProblem(
  response: { status: number; body: Record<string, unknown> },
  status: number,
  code?: string,
) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (code) expect(response.body.code).toBe(code);
}
