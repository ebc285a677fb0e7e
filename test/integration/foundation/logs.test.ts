import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * What the functions log, at their most talkative: request ids, routes, status and problem codes —
 * never what a request carried (names, notes, customers are personal data and company assets).
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const written: string[] = [];

beforeAll(async () => {
  stack = await startTestRuntime({ logLevel: 'DEBUG' });
  api = client(stack);
  await stack.loadDemo();
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: []) => {
    written.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.stop();
});

describe('function logs', () => {
  it('never print a request body, accepted or refused', async () => {
    const token = await stack.tokenFor('E1003');
    const marker = 'SECRET-长江-7f3a';
    const customer = {
      name: `${marker} 物流`,
      industry: 'logistics',
      region: '华东 East',
      tier: 'standard',
      preferences: marker,
    };
    expect((await api.post('/v1/customers', token, customer)).status).toBe(201);
    expect((await api.post('/v1/customers', token, { ...customer, tier: marker })).status).toBe(400);
    expect((await api.post('/v1/customers', token, `{"name": "${marker}"`)).status).toBe(400);
    expect((await api.get(`/v1/customers?region=${marker}`, token)).status).toBe(403);
    expect((await api.get(`/v1/customers?industry=${marker}`, token)).status).toBe(400);
    const logs = written.join('');
    expect(logs).toContain('Request refused');
    expect(logs).not.toContain(marker);
  });
});
