import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenarios 3 and 4: the last working day moves, and a resignation is withdrawn. The clock starts on
 * Monday 2026-11-02 09:00 in Shanghai.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

type Stage = { name: string; status: string; dueAt: string; appliedBy?: string };
const stagesOf = (body: Record<string, unknown>) =>
  Object.fromEntries((body.stages as Stage[]).map((s) => [s.name, s]));
const permissionsOf = async (who: string) =>
  (
    (await api.get(`/v1/employees/${who}/permissions`, token.E1041 as string)).body.permissions as {
      permission: string;
    }[]
  ).map((p) => p.permission);
const schedulesOf = async (resignationId: unknown) =>
  Object.fromEntries(
    (await stack.scheduler.list())
      .filter((s) => s.name.includes(String(resignationId)))
      .map((s) => [s.name.replace(`rev-${resignationId}-`, ''), s.at]),
  );

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1001', 'E1002', 'E1013', 'E1020', 'E1040', 'E1041'])
    token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

describe('a short notice', () => {
  it('applies every stage already due with the submission itself; only later ones are scheduled', async () => {
    // Four days' notice: D−7 has passed, so the key accounts go at once, like the immediate stage.
    const submitted = await api.post('/v1/employees/E1020/resignation', token.E1020 as string, {
      lastWorkingDay: '2026-11-06',
      reason: 'Family matters',
    });
    expect(submitted.status).toBe(201);
    expect(stagesOf(submitted.body)['key-accounts']).toMatchObject({
      status: 'applied',
      appliedBy: 'submission',
    });
    expect(submitted.body.permissionsNow).not.toContain('customer:read:key-accounts');
    // The very next request, before the planner has seen the submission.
    const me = await api.get('/v1/me', token.E1020 as string);
    expect((me.body.permissions as { permission: string }[]).map((p) => p.permission)).not.toContain(
      'customer:read:key-accounts',
    );
    await stack.catchUp();
    const schedules = await schedulesOf(submitted.body.id);
    expect(Object.keys(schedules).sort()).toEqual(['account', 'account-notice', 'identity-removal']);
    const evidence = await api.get(
      `/v1/evidence?subject=employee:E1020&action=revocation.stage-applied`,
      token.E1040 as string,
    );
    expect(
      (evidence.body.items as { details: { stage: string; trigger: string } }[]).map((e) => e.details),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stage: 'immediate', trigger: 'submission' }),
        expect.objectContaining({ stage: 'key-accounts', trigger: 'submission' }),
      ]),
    );
  });
});

describe("the system's bookkeeping", () => {
  it('leaves the ETag a client holds valid until a person changes the resignation', async () => {
    const submitted = await api.post('/v1/employees/E1072/resignation', token.E1041 as string, {
      lastWorkingDay: '2026-11-20',
      reason: 'Recorded by HR',
    });
    const etag = submitted.headers.get('etag') as string;
    expect(etag).toBe('"v1"');
    // The planner schedules the later stages: bookkeeping, not a change anyone made.
    await stack.catchUp();
    const read = await api.get('/v1/employees/E1072/resignation', token.E1041 as string);
    expect(stagesOf(read.body).account?.status).toBe('scheduled');
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.body.version).toBe(1);
    const named = await api.patch(
      '/v1/employees/E1072/resignation',
      token.E1041 as string,
      { successorIds: ['E1073'], reason: 'A colleague takes over' },
      etag,
    );
    expect(named.status).toBe(200);
    expect(named.headers.get('etag')).toBe('"v2"');
    // A person changed it: the old ETag no longer matches.
    await stack.catchUp();
    expectProblem(
      await api.patch(
        '/v1/employees/E1072/resignation',
        token.E1041 as string,
        { successorIds: ['E1074'], reason: 'Second thoughts' },
        etag,
      ),
      412,
      'stale_version',
    );
    const withdrawn = await api.post('/v1/employees/E1072/resignation/withdraw', token.E1041 as string, {
      reason: 'He stays',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 3 });
    await stack.catchUp();
  });
});

describe('the last working day moves', () => {
  let resignationId: unknown;

  it('moves every stage with it, and applies the key-accounts stage at once when it is now overdue', async () => {
    const submitted = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
      lastWorkingDay: '2026-11-16',
      reason: 'A new opportunity',
    });
    resignationId = submitted.body.id;
    await stack.catchUp();
    expect(await schedulesOf(resignationId)).toMatchObject({ 'key-accounts': '2026-11-08T16:00:00.000Z' });

    stack.clock.set('2026-11-05T02:00:00.000Z');
    const current = await api.get('/v1/employees/E1002/resignation', token.E1041 as string);
    const moved = await api.patch(
      '/v1/employees/E1002/resignation',
      token.E1041 as string,
      { lastWorkingDay: '2026-11-11', reason: 'Agreed to leave five days earlier' },
      current.headers.get('etag') as string,
    );
    expect(moved.status).toBe(200);
    // D−7 is now 11-04, already past: her key accounts are gone on the very next request.
    expect(stagesOf(moved.body)['key-accounts']).toMatchObject({ status: 'applied', appliedBy: 'replan' });
    expect(await permissionsOf('E1002')).not.toContain('customer:read:key-accounts');
    expect((await api.get('/v1/employees/E1002', token.E1041 as string)).body.lastWorkingDay).toBe(
      '2026-11-11',
    );

    await stack.catchUp();
    const schedules = await schedulesOf(resignationId);
    expect(schedules['key-accounts']).toBeUndefined();
    expect(schedules.account).toBe('2026-11-12T16:00:00.000Z'); // 11-13 00:00 in Shanghai
    expect(
      stagesOf((await api.get('/v1/employees/E1002/resignation', token.E1041 as string)).body).account?.dueAt,
    ).toBe('2026-11-12T16:00:00.000Z');
  });

  it('keeps the plan when the new day is refused', async () => {
    const current = await api.get('/v1/employees/E1002/resignation', token.E1041 as string);
    const refused = await api.patch(
      '/v1/employees/E1002/resignation',
      token.E1041 as string,
      { lastWorkingDay: '2026-11-01', reason: 'Typo in the date' },
      current.headers.get('etag') as string,
    );
    expectProblem(refused, 400, 'invalid_last_working_day');
    expectProblem(
      await api.patch(
        '/v1/employees/E1002/resignation',
        token.E1041 as string,
        { reason: 'Nothing' },
        current.headers.get('etag') as string,
      ),
      400,
    );
    const after = await api.get('/v1/employees/E1002/resignation', token.E1041 as string);
    expect(after.body).toMatchObject({ lastWorkingDay: '2026-11-11', version: current.body.version });
  });
});

describe('the resignation is withdrawn', () => {
  let resignationId: unknown;

  it('cancels the future stages and leaves what was revoked revoked', async () => {
    // The sales manager resigns; a week later, after a retention talk, he stays.
    const submitted = await api.post('/v1/employees/E1013/resignation', token.E1013 as string, {
      lastWorkingDay: '2026-11-20',
      reason: 'Burnt out',
    });
    expect(submitted.status).toBe(201);
    resignationId = submitted.body.id;
    await stack.catchUp();
    stack.clock.set('2026-11-12T16:00:00.000Z'); // 11-13 00:00 Shanghai: D−7
    await stack.catchUp();
    expect(await permissionsOf('E1013')).not.toContain('customer:read:key-accounts');

    expectProblem(
      await api.post('/v1/employees/E1013/resignation/withdraw', token.E1013 as string, { reason: 'I stay' }),
      403,
    );
    const withdrawn = await api.post('/v1/employees/E1013/resignation/withdraw', token.E1040 as string, {
      reason: 'Stays after a retention talk; new role as key-account lead',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(Object.values(stagesOf(withdrawn.body)).map((s) => [s.name, s.status])).toEqual([
      ['immediate', 'applied'],
      ['key-accounts', 'applied'],
      ['account', 'cancelled'],
      ['identity-removal', 'cancelled'],
    ]);
    await stack.catchUp();
    expect(await schedulesOf(resignationId)).toEqual({});
    expect((await api.get('/v1/employees/E1013', token.E1041 as string)).body.status).toBe('active');
    expect(await permissionsOf('E1013')).not.toContain('customer:read:key-accounts');

    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1013&action=resignation.withdrawn',
      token.E1040 as string,
    );
    expect(evidence.body.items?.[0]).toMatchObject({
      actor: 'E1040',
      caseId: resignationId,
      details: { cancelled: ['account', 'identity-removal'], staysApplied: ['immediate', 'key-accounts'] },
    });
  });

  it('lets the withdrawn plan pass its dates without effect, until HR restores access explicitly', async () => {
    stack.clock.set('2026-11-22T16:00:00.000Z'); // past the old last day and grace
    await stack.catchUp();
    expect((await api.get('/v1/me', token.E1013 as string)).status).toBe(200);
    expect(await stack.identity.status('E1013')).toBe('enabled');

    const restored = await api.post(
      '/v1/employees/E1013/permissions/customer:read:key-accounts/grant',
      token.E1040 as string,
      { reason: 'Restored after the withdrawal' },
    );
    expect(restored.status).toBe(200);
    expect(await permissionsOf('E1013')).toContain('customer:read:key-accounts');
    expectProblem(
      await api.post('/v1/employees/E1013/resignation/withdraw', token.E1040 as string, {
        reason: 'Twice over',
      }),
      404,
    );
  });

  it('lets him resign again later, as a new case; HR may accept a longer notice, and a retry does no harm', async () => {
    const far = { lastWorkingDay: '2027-01-15', reason: 'Moving cities after all; agreed a long handover' };
    expectProblem(
      await api.post('/v1/employees/E1013/resignation', token.E1041 as string, far),
      400,
      'invalid_last_working_day',
    );
    const key = { 'idempotency-key': 'resign-E1013-again' };
    const again = await api.post(
      '/v1/employees/E1013/resignation',
      token.E1041 as string,
      { ...far, overrideNotice: true },
      key,
    );
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(resignationId);
    // The client did not hear the answer and sends it again: the same resignation, not a 409.
    const retried = await api.post(
      '/v1/employees/E1013/resignation',
      token.E1041 as string,
      { ...far, overrideNotice: true },
      key,
    );
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(again.body.id);
    const submitted = await api.get(
      '/v1/evidence?subject=employee:E1013&action=resignation.submitted',
      token.E1040 as string,
    );
    expect(submitted.body.items?.[0]).toMatchObject({
      actor: 'E1041',
      caseId: again.body.id,
      details: { overrideNotice: true, lastWorkingDay: '2027-01-15' },
    });
    expect(submitted.body.items).toHaveLength(2);
  });
});
