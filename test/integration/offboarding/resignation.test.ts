import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 1, as far as permissions go: Wang Fang (E1002) resigns fourteen days ahead. The clock
 * starts on Monday 2026-11-02 09:00 in Shanghai; her last working day is Monday 2026-11-16.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let keyAccount: string;
let standardAccount: string;

const lastWorkingDay = '2026-11-16';
type Stage = {
  name: string;
  status: string;
  dueAt: string;
  appliedBy?: string;
  evidence: { action: string }[];
};
const stagesOf = (body: Record<string, unknown>) =>
  Object.fromEntries((body.stages as Stage[]).map((s) => [s.name, s]));
const permissionsOf = async (who: string) =>
  ((await api.get('/v1/me', token[who] as string)).body.permissions as { permission: string }[])?.map(
    (p) => p.permission,
  );

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1002', 'E1001', 'E1040', 'E1041', 'E1003', 'E1013', 'E1014', 'E1015'])
    token[id] = await stack.tokenFor(id);
  const own = await api.get('/v1/customers?ownerId=E1002&limit=100', token.E1040 as string);
  const customers = own.body.items as { id: string; tier: string }[];
  keyAccount = customers.find((c) => c.tier === 'key')?.id as string;
  standardAccount = customers.find((c) => c.tier !== 'key')?.id as string;
  // The head of sales was trusted with exports and the settings before she resigned.
  for (const permission of ['customer:export', 'settings:manage']) {
    await api.post(`/v1/employees/E1002/permissions/${permission}/grant`, token.E1040 as string, {
      reason: 'Head of sales',
    });
  }
});
afterAll(() => stack.stop());

describe('bad input changes nothing', () => {
  it('refuses a last working day in the past, or beyond the notice period unless HR overrides', async () => {
    const past = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
      lastWorkingDay: '2026-11-01',
      reason: 'Moving on',
    });
    expectProblem(past, 400, 'invalid_last_working_day');
    expect(JSON.stringify(past.body)).toContain('body.lastWorkingDay');
    const far = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
      lastWorkingDay: '2027-01-15',
      reason: 'Moving on',
    });
    expectProblem(far, 400, 'invalid_last_working_day');
    expectProblem(
      await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
        lastWorkingDay: '2027-01-15',
        reason: 'Moving on',
        overrideNotice: true,
      }),
      403,
    );
    expect(await permissionsOf('E1002')).toContain('customer:export');
    expectProblem(await api.get('/v1/employees/E1002/resignation', token.E1002 as string), 404);
  });

  it('names the field for malformed input, and refuses to resign for someone else', async () => {
    const malformed = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
      lastWorkingDay: '16/11/2026',
      reason: '',
      successorIds: ['E1003', 'E1003'],
      salary: 1,
    });
    expectProblem(malformed, 400);
    const fields = JSON.stringify(malformed.body);
    for (const field of ['body.lastWorkingDay', 'body.reason', 'body.successorIds'])
      expect(fields).toContain(field);
    expectProblem(
      await api.post('/v1/employees/E1002/resignation', token.E1003 as string, {
        lastWorkingDay,
        reason: 'x'.repeat(5),
      }),
      403,
    );
    expectProblem(
      await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
        lastWorkingDay,
        reason: 'Moving on',
        successorIds: ['E9999'],
      }),
      400,
      'invalid_successor',
    );
    expect((await api.get('/v1/employees/E1002', token.E1041 as string)).body.status).toBe('active');
  });
});

describe('Wang Fang resigns', () => {
  it('takes export and settings away on her very next request; her ordinary work continues', async () => {
    expect(await permissionsOf('E1002')).toEqual(
      expect.arrayContaining(['customer:export', 'settings:manage']),
    );
    const submitted = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
      lastWorkingDay,
      reason: 'A new opportunity',
      notes: '感谢多年的信任 Thanks for the years',
    });
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('location')).toBe('/v1/employees/E1002/resignation');
    const stages = stagesOf(submitted.body);
    expect(stages.immediate).toMatchObject({ status: 'applied' });
    expect(stages['key-accounts']?.dueAt).toBe('2026-11-08T16:00:00.000Z'); // 11-09 00:00 Shanghai
    expect(stages.account?.dueAt).toBe('2026-11-17T16:00:00.000Z'); // after the LWD and a day of grace

    // The same token, the very next request.
    expectProblem(
      await api.post('/v1/customers/exports', token.E1002 as string, {}),
      403,
      'permission_denied',
    );
    const now = await permissionsOf('E1002');
    expect(now).not.toContain('customer:export');
    expect(now).not.toContain('settings:manage');
    expect((await api.get(`/v1/customers/${standardAccount}`, token.E1002 as string)).status).toBe(200);
    expect((await api.get(`/v1/customers/${keyAccount}`, token.E1002 as string)).status).toBe(200);
    expect((await api.get('/v1/employees/E1002', token.E1041 as string)).body).toMatchObject({
      status: 'resigning',
      lastWorkingDay,
    });

    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1002&action=permission.revoked',
      token.E1040 as string,
    );
    expect(evidence.body.items?.map((e) => (e.details as { permission: string }).permission).sort()).toEqual([
      'customer:export',
      'settings:manage',
    ]);
    expect(evidence.body.items?.[0]).toMatchObject({ actor: 'system', caseId: submitted.body.id });
    expect(String(evidence.body.items?.[0]?.reason)).toMatch(/immediate stage/);

    // The same entries by case id, and within times given with an offset or as company days.
    const byCase = await api.get(
      `/v1/evidence?caseId=${submitted.body.id}&action=permission.revoked`,
      token.E1040 as string,
    );
    expect(byCase.body.items?.map((e) => e.seq)).toEqual(evidence.body.items?.map((e) => e.seq));
    const at = new Date(String(evidence.body.items?.[0]?.at));
    const inShanghai = (d: Date) =>
      `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
    const within = async (from: string, to: string) =>
      (
        await api.get(
          `/v1/evidence?caseId=${submitted.body.id}&action=permission.revoked&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
          token.E1040 as string,
        )
      ).body.items?.length;
    expect(
      await within(inShanghai(new Date(at.getTime() - 1000)), inShanghai(new Date(at.getTime() + 1000))),
    ).toBe(2);
    expect(
      await within(inShanghai(new Date(at.getTime() + 1000)), inShanghai(new Date(at.getTime() + 2000))),
    ).toBe(0);
    const day = inShanghai(at).slice(0, 10);
    expect(await within(day, day)).toBe(2);
    expectProblem(
      await api.get('/v1/evidence?from=2026-13-01', token.E1040 as string),
      400,
      'validation_failed',
    );
  });

  it('refuses a second resignation while one is open', async () => {
    expectProblem(
      await api.post('/v1/employees/E1002/resignation', token.E1041 as string, {
        lastWorkingDay,
        reason: 'Again',
      }),
      409,
      'resignation_open',
    );
  });

  it('schedules the later stages, and shows the plan to her, her managers and HR only', async () => {
    await stack.catchUp();
    const names = (await stack.scheduler.list()).map((s) => s.name);
    expect(names.filter((n) => n.endsWith('-key-accounts'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('-account'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('-identity-removal'))).toHaveLength(1);
    for (const reader of ['E1002', 'E1001', 'E1041']) {
      const plan = await api.get('/v1/employees/E1002/resignation', token[reader] as string);
      expect(plan.status, reader).toBe(200);
      expect(stagesOf(plan.body)['key-accounts']?.status).toBe('scheduled');
    }
    expectProblem(await api.get('/v1/employees/E1002/resignation', token.E1003 as string), 403);
    const plan = await api.get('/v1/employees/E1002/resignation', token.E1041 as string);
    expect(stagesOf(plan.body).immediate?.evidence.map((e) => e.action)).toEqual([
      'permission.revoked',
      'permission.revoked',
      'revocation.stage-applied',
    ]);
  });

  it('lets her manager name the successor, and nobody else but HR', async () => {
    const plan = await api.get('/v1/employees/E1002/resignation', token.E1001 as string);
    const etag = plan.headers.get('etag') as string;
    expectProblem(
      await api.patch(
        '/v1/employees/E1002/resignation',
        token.E1014 as string,
        { successorIds: ['E1003'], reason: 'I want her customers' },
        etag,
      ),
      403,
    );
    expectProblem(
      await api.patch(
        '/v1/employees/E1002/resignation',
        token.E1001 as string,
        { lastWorkingDay: '2026-11-20', reason: 'Only HR moves the day' },
        etag,
      ),
      403,
    );
    const named = await api.patch(
      '/v1/employees/E1002/resignation',
      token.E1001 as string,
      { successorIds: ['E1003'], reason: 'Li Lei knows her customers' },
      etag,
    );
    expect(named.status).toBe(200);
    expect(named.body.successorIds).toEqual(['E1003']);
    expectProblem(
      await api.patch(
        '/v1/employees/E1002/resignation',
        token.E1001 as string,
        { successorIds: ['E1014'], reason: 'Stale' },
        etag,
      ),
      412,
    );
  });

  it('takes key accounts away at D−7, and leaves her other customers readable', async () => {
    stack.clock.set('2026-11-08T15:59:00.000Z');
    await stack.catchUp();
    expect((await api.get(`/v1/customers/${keyAccount}`, token.E1002 as string)).status).toBe(200);
    stack.clock.set('2026-11-08T16:00:00.000Z');
    await stack.catchUp();
    expectProblem(await api.get(`/v1/customers/${keyAccount}`, token.E1002 as string), 404);
    expect((await api.get(`/v1/customers/${standardAccount}`, token.E1002 as string)).status).toBe(200);
    const stages = stagesOf((await api.get('/v1/employees/E1002/resignation', token.E1041 as string)).body);
    expect(stages['key-accounts']).toMatchObject({ status: 'applied', appliedBy: 'schedule' });
  });

  it('refuses every request after the last working day and a day of grace, and disables her sign-in', async () => {
    stack.clock.set('2026-11-16T12:00:00.000Z'); // her last day: still working
    await stack.catchUp();
    expect((await api.get(`/v1/customers/${standardAccount}`, token.E1002 as string)).status).toBe(200);
    stack.clock.set('2026-11-17T16:00:00.000Z');
    await stack.catchUp();
    for (const path of ['/v1/me', `/v1/customers/${standardAccount}`, '/v1/employees/E1002'])
      expectProblem(await api.get(path, token.E1002 as string), 403, 'account_disabled');
    expect(await stack.identity.status('E1002')).toBe('disabled');
    expect((await api.get('/v1/employees/E1002', token.E1041 as string)).body.status).toBe('left');
    const permissions = await api.get('/v1/employees/E1002/permissions', token.E1041 as string);
    expect(permissions.body).toMatchObject({ status: 'disabled', permissions: [] });
  });

  it('deletes her sign-in identity after the retention period, and keeps the evidence chain intact', async () => {
    stack.clock.set('2027-02-14T16:00:00.000Z'); // LWD + 90 days, 00:00 in Shanghai
    await stack.catchUp();
    token.E1041 = await stack.tokenFor('E1041'); // the old one has expired meanwhile
    expect(await stack.identity.status('E1002')).toBe('missing');
    const plan = await api.get('/v1/employees/E1002/resignation', token.E1041 as string);
    expect(plan.body.status).toBe('completed');
    expect((plan.body.stages as Stage[]).map((s) => s.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const verified = await makeEvidenceLog(
      stack.clients.dynamo,
      stack.names.tables.evidence,
      stack.clock,
    ).verify();
    expect(verified).toMatchObject({ intact: true });
  });
});

describe('the offboarding completes early', () => {
  const kindsIn = async (who: string) =>
    ((await api.get('/v1/me/notifications?inbox=mine&limit=100', token[who] as string)).body.items ?? []).map(
      (n) => n.kind,
    );

  it('keeps the leaver working until the end of her last day, tells her and her manager the day before, then ends her access', async () => {
    const day = '2027-02-25';
    token.E1014 = await stack.tokenFor('E1014');
    token.E1013 = await stack.tokenFor('E1013');
    const submitted = await api.post('/v1/employees/E1014/resignation', token.E1041 as string, {
      lastWorkingDay: day,
      reason: 'Recorded by HR after a call',
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.submittedBy).toBe('E1041');
    await stack.catchUp();
    // The handover is done eleven days early.
    await stack.bus.publish([
      {
        detailType: 'OffboardingCompleted',
        detail: { employeeId: 'E1014', resignationId: submitted.body.id },
      },
    ]);
    await stack.catchUp();
    expect((await api.get('/v1/me', token.E1014 as string)).status).toBe(200);
    const moved = stagesOf((await api.get('/v1/employees/E1014/resignation', token.E1041 as string)).body);
    // Midnight after her last working day in Shanghai, no longer the day of grace after it.
    expect(moved.account).toMatchObject({ status: 'scheduled', dueAt: '2027-02-25T16:00:00.000Z' });
    expect(moved.account?.evidence.map((e) => e.action)).toContain('revocation.stage-moved');
    const schedules = await stack.scheduler.list();
    expect(schedules.find((s) => s.name === `rev-${submitted.body.id}-account`)?.at).toBe(
      '2027-02-25T16:00:00.000Z',
    );
    expect(schedules.find((s) => s.name === `rev-${submitted.body.id}-account-notice`)?.at).toBe(
      '2027-02-24T16:00:00.000Z',
    );
    // A second delivery of the completion changes nothing.
    await stack.bus.publish([
      {
        detailType: 'OffboardingCompleted',
        detail: { employeeId: 'E1014', resignationId: submitted.body.id },
      },
    ]);
    await stack.catchUp();
    const again = stagesOf((await api.get('/v1/employees/E1014/resignation', token.E1041 as string)).body);
    expect(again.account?.evidence.filter((e) => e.action === 'revocation.stage-moved')).toHaveLength(1);

    expect(await kindsIn('E1014')).not.toContain('access.ending');
    stack.clock.set('2027-02-24T16:00:00.000Z'); // the day before, 00:00 in Shanghai
    await stack.catchUp();
    expect(await kindsIn('E1014')).toContain('access.ending');
    expect(await kindsIn('E1013')).toContain('access.ending');
    stack.clock.set('2027-02-25T15:59:00.000Z'); // her last day, a minute before midnight
    await stack.catchUp();
    expect((await api.get('/v1/me', token.E1014 as string)).status).toBe(200);
    stack.clock.set('2027-02-25T16:00:00.000Z');
    await stack.catchUp();
    expectProblem(await api.get('/v1/me', token.E1014 as string), 403, 'account_disabled');
    expect(await stack.identity.status('E1014')).toBe('disabled');
    const stages = stagesOf((await api.get('/v1/employees/E1014/resignation', token.E1041 as string)).body);
    expect(stages.account).toMatchObject({ status: 'applied', appliedBy: 'schedule' });
    expect((await kindsIn('E1013')).filter((k) => k === 'access.ending')).toHaveLength(1);
  });

  it('lets HR end access before its time, with a reason the evidence keeps; nobody else', async () => {
    token.E1015 = await stack.tokenFor('E1015');
    token.E1040 = await stack.tokenFor('E1040'); // the old one has expired meanwhile
    const submitted = await api.post('/v1/employees/E1015/resignation', token.E1041 as string, {
      lastWorkingDay: '2027-03-10',
      reason: 'Recorded by HR',
    });
    expect(submitted.status).toBe(201);
    await stack.catchUp();
    const endAccess = (as: string, body: unknown) =>
      api.post('/v1/employees/E1015/resignation/end-access', token[as] as string, body);
    expectProblem(await endAccess('E1013', { reason: 'Her manager wants it' }), 403);
    const bad = await endAccess('E1041', { reason: '' });
    expectProblem(bad, 400);
    expect(JSON.stringify(bad.body)).toContain('body.reason');
    expect((await api.get('/v1/me', token.E1015 as string)).status).toBe(200);

    const ended = await endAccess('E1041', { reason: 'Took client files home; access ends today' });
    expect(ended.status).toBe(200);
    expect(stagesOf(ended.body).account).toMatchObject({ status: 'applied', appliedBy: 'hr' });
    expectProblem(await api.get('/v1/me', token.E1015 as string), 403, 'account_disabled');
    await stack.catchUp();
    expect(await stack.identity.status('E1015')).toBe('disabled');
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1015&action=access.ended-early',
      token.E1040 as string,
    );
    expect(evidence.body.items).toEqual([
      expect.objectContaining({ actor: 'E1041', reason: 'Took client files home; access ends today' }),
    ]);
    expectProblem(await endAccess('E1041', { reason: 'Once more' }), 409, 'access_ended');
  });
});
