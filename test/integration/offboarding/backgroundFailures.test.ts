import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * No background step fails silently: each path (an event's subscriber, a schedule's target, a case
 * step that follows an event, a daily job) is broken on purpose until its retries run out, and the
 * resignation or case it was about needs attention, with the reason, and HR is told. The clock
 * starts on Monday 2026-11-02 09:00 in Shanghai.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

type Notice = { kind: string; title: string; body: string; data?: Record<string, unknown> };
const hrInbox = async () =>
  ((await api.get('/v1/me/notifications?inbox=hr&limit=100', token.E1041 as string)).body.items ??
    []) as unknown as Notice[];
const failuresTold = async () => (await hrInbox()).filter((n) => n.kind === 'background.failed');
/** Makes one method of a local stand-in fail until the returned function puts it back. */
function breakMethod<T extends object>(target: T, method: keyof T & string, message: string) {
  const original = target[method];
  (target as Record<string, unknown>)[method] = async () => {
    throw new Error(message);
  };
  return () => {
    (target as Record<string, unknown>)[method] = original;
  };
}

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1013', 'E1014', 'E1015', 'E1018', 'E1040', 'E1041'])
    token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

describe('a background step that keeps failing', () => {
  it('planning a resignation: the resignation needs attention, HR is told; the next plan clears it', async () => {
    const repair = breakMethod(stack.scheduler, 'schedule', 'Scheduler unavailable');
    const submitted = await api.post('/v1/employees/E1014/resignation', token.E1041 as string, {
      lastWorkingDay: '2026-11-27',
      reason: 'Recorded by HR',
    });
    expect(submitted.status).toBe(201);
    await stack.catchUp();
    repair();
    const read = await api.get('/v1/employees/E1014/resignation', token.E1041 as string);
    expect(read.body.attention).toMatchObject({
      step: 'ResignationPlanner',
      reason: 'Scheduler unavailable',
    });
    const told = await failuresTold();
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('Scheduler unavailable');
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1014&action=background.failed',
      token.E1040 as string,
    );
    expect(evidence.body.items).toHaveLength(1);

    // HR steps in (names the successor): the planner runs again, schedules the stages, clears it.
    expect(
      (
        await api.change('/v1/employees/E1014/resignation', token.E1041 as string, {
          successorIds: ['E1015'],
          reason: 'Names the successor',
        })
      ).status,
    ).toBe(200);
    await stack.catchUp();
    const after = await api.get('/v1/employees/E1014/resignation', token.E1041 as string);
    expect(after.body.attention).toBeUndefined();
    expect(
      (after.body.stages as { name: string; status: string }[]).find((s) => s.name === 'account')?.status,
    ).toBe('scheduled');
  });

  it('a case step following an event: the case needs attention, HR is told', async () => {
    const repair = breakMethod(stack.workflow, 'sendTaskSuccess', 'Workflow unavailable');
    const moved = await api.change('/v1/employees/E1014/resignation', token.E1041 as string, {
      lastWorkingDay: '2026-11-26',
      reason: 'One day earlier',
    });
    expect(moved.status).toBe(200);
    await stack.catchUp();
    repair();
    const c = await api.get(`/v1/offboarding/${moved.body.id}`, token.E1041 as string);
    expect(c.body.status).toBe('needs_attention');
    expect((c.body.attention as { reason: string }).reason).toContain('Workflow unavailable');
    expect((await hrInbox()).map((n) => n.kind)).toContain('case.needs-attention');
    // HR resumes it: the case follows its resignation again and a new execution takes it over.
    expect(
      (await api.post(`/v1/offboarding/${moved.body.id}/resume`, token.E1041 as string, undefined)).status,
    ).toBe(202);
    await stack.catchUp();
    const resumed = await api.get(`/v1/offboarding/${moved.body.id}`, token.E1041 as string);
    expect(resumed.body).toMatchObject({ status: 'open', lastWorkingDay: '2026-11-26' });
  });

  it("a schedule's target: the resignation needs attention, HR is told", async () => {
    const submitted = await api.post('/v1/employees/E1018/resignation', token.E1041 as string, {
      lastWorkingDay: '2026-11-06',
      reason: 'Recorded by HR',
    });
    expect(submitted.status).toBe(201);
    await stack.catchUp();
    const repair = breakMethod(stack.identity, 'disable', 'Identity provider unavailable');
    stack.clock.set('2026-11-07T16:00:00.000Z'); // the account stage: 11-08 00:00 in Shanghai
    for (let attempt = 0; attempt < 3; attempt++) await stack.catchUp();
    repair();
    const read = await api.get('/v1/employees/E1018/resignation', token.E1041 as string);
    expect(read.body.attention).toMatchObject({
      step: 'Revocation',
      reason: 'Identity provider unavailable',
    });
    expect((await failuresTold()).some((n) => n.body.includes('Identity provider unavailable'))).toBe(true);
  });

  it('a daily job: HR is told what failed', async () => {
    const repair = breakMethod(stack.identity, 'status', 'Identity provider down for the sweep');
    stack.clock.set('2026-11-09T16:00:00.000Z');
    await stack.catchUp();
    repair();
    const told = (await failuresTold()).filter((n) =>
      n.body.includes('Identity provider down for the sweep'),
    );
    expect(told.map((n) => n.title)).toEqual([expect.stringContaining('ComplianceSweep')]);
  });
});
