import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, must } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Overtime claims held against the punches, on the demo company. Wang Fang (E1002) is the key
 * person of Sales: she referred six of her team. HR has made one of them, E1005, a team lead under
 * Zhang Wei (E1001) and Wang Fang's own manager — so her claim must pass him by and go to Zhang Wei.
 * On Monday 11-02 (Shanghai) she punches 09:00 and 20:00: two hours after the 18:00 end, less the
 * 15 minutes' tolerance, evidence 105 minutes. E1010, not a key person, leaves at 18:30: 15 minutes.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const hq = { lat: 31.2304, lng: 121.4737, accuracyMetres: 10 };
const name = { 'zh-CN': '名称', en: 'Name' };
const hr = () => stack.tokenFor('E1041');
const as = (id: string) => stack.tokenFor(id);

const punch = async (who: string, at: string) => {
  stack.clock.set(at);
  return must(
    api.post('/v1/attendance/punches', await as(who), {
      position: hq,
      deviceTime: at.replace('Z', '+00:00'),
      deviceTimeZone: 'Asia/Shanghai',
      deviceId: `phone-${who}`,
    }),
  );
};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  const token = await hr();
  await must(
    api.post('/v1/sites', token, {
      id: 'ot-hq',
      name: { 'zh-CN': '上海总部', en: 'Shanghai HQ' },
      timeZone: 'Asia/Shanghai',
      geofences: [{ lat: hq.lat, lng: hq.lng, radiusMetres: 200 }],
    }),
  );
  await must(api.post('/v1/shifts', token, { id: 'office', name, start: '09:00', end: '18:00' }));
  for (const who of ['E1002', 'E1010']) {
    await must(
      api.put(
        `/v1/employees/${who}/attendance-rules`,
        token,
        { sites: ['ot-hq'], shifts: [{ shiftId: 'office', from: '2026-11-01' }], devices: [`phone-${who}`] },
        '"v0"',
      ),
    );
    await must(api.put(`/v1/employees/${who}/location-consent`, await as(who), { given: true }));
  }
  expect((await api.change('/v1/employees/E1005', token, { managerId: 'E1001' })).status).toBe(200);
  expect((await api.change('/v1/employees/E1002', token, { managerId: 'E1005' })).status).toBe(200);
  await punch('E1002', '2026-11-02T01:00:00Z');
  await punch('E1010', '2026-11-02T01:00:00Z');
  await punch('E1010', '2026-11-02T10:30:00Z');
  await punch('E1002', '2026-11-02T12:00:00Z');
});
afterAll(() => stack.stop());

let claimId: string;

describe('an overtime claim', () => {
  it('of a key person goes to the first manager above her outside her referral tree', async () => {
    const claimed = await api.post('/v1/overtime-claims', await as('E1002'), {
      workDate: '2026-11-02',
      hours: 2,
      reason: 'Client dinner preparation',
    });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    claimId = String(claimed.body.id);
    expect(claimed.body).toMatchObject({
      claimedMinutes: 120,
      evidence: { minutes: 105, after: 120, toleranceMinutes: 15 },
      flagged: false,
      excessMinutes: 15,
      keyPerson: { threshold: 50 },
      approver: { employeeId: 'E1001', because: 'outside_referral_tree' },
      repeatedReason: { count: 0, claimIds: [] },
    });
    const excluded = (claimed.body.approver as { excluded: string[] }).excluded;
    expect(excluded).toEqual(expect.arrayContaining(['E1002', 'E1005', 'E1004']));
    const awaiting = await api.get('/v1/overtime-claims/awaiting', await as('E1001'));
    expect(awaiting.body.items?.map((c) => c.id)).toEqual([claimId]);
  });

  it('is decided by the approver or HR outside her tree — never by her, someone she referred, or a stranger', async () => {
    const decision = { outcome: 'approved', comment: 'Agreed in advance' };
    const path = `/v1/overtime-claims/${claimId}/decision`;
    expectProblem(await api.post(path, await as('E1005'), decision), 403, 'approver_in_referral_tree');
    expectProblem(await api.post(path, await as('E1002'), decision), 403, 'permission_denied');
    expectProblem(await api.post(path, await as('E1013'), decision), 404);
    const short = await api.post(path, await as('E1001'), { ...decision, comment: '' });
    expect(short.body.errors).toMatchObject([{ field: 'body.comment' }]);
    const approved = await api.post(path, await as('E1001'), decision);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: { by: 'E1001', outcome: 'approved', comment: 'Agreed in advance' },
      evidence: { minutes: 105 },
    });
    expectProblem(await api.post(path, await as('E1001'), decision), 409, 'claim_decided');
    expect((await api.get('/v1/overtime-claims/awaiting', await as('E1001'))).body.items).toEqual([]);
  });

  it('above the evidence by more than the margin — with the day’s other claims — is flagged with the numbers, and repeated reasons show', async () => {
    const again = await api.post('/v1/overtime-claims', await as('E1002'), {
      workDate: '2026-11-02',
      hours: 3,
      reason: 'client  dinner preparation!',
    });
    // The day's approved two hours count too: 120 + 180 claimed against 105 evidenced.
    expect(again.body).toMatchObject({
      claimedMinutes: 180,
      otherClaimsMinutes: 120,
      evidence: { minutes: 105 },
      flagged: true,
      excessMinutes: 195,
      repeatedReason: { count: 1, claimIds: [claimId] },
    });
    // Someone who is not a key person: the claim goes to the manager.
    const ordinary = await api.post('/v1/overtime-claims', await as('E1010'), {
      workDate: '2026-11-02',
      hours: 1,
      reason: 'Stock count',
    });
    expect(ordinary.body).toMatchObject({
      approver: { employeeId: 'E1002', because: 'manager' },
      evidence: { minutes: 15, after: 30 },
      flagged: true,
      excessMinutes: 45,
    });
    expect(ordinary.body.keyPerson).toBeUndefined();
    const future = await api.post('/v1/overtime-claims', await as('E1010'), {
      workDate: '2026-11-03',
      hours: 1,
      reason: 'Stock count',
    });
    expect(future.body.errors).toMatchObject([{ field: 'body.workDate' }]);
    const quarter = await api.post('/v1/overtime-claims', await as('E1010'), {
      workDate: '2026-11-02',
      hours: 1.1,
      reason: 'Stock count',
    });
    expect(quarter.body.errors).toMatchObject([{ field: 'body.hours' }]);
  });

  it('tells the approver and, once decided, the claimant', async () => {
    const told = await api.get('/v1/me/notifications', await as('E1001'));
    expect(JSON.stringify(told.body)).toContain('attendance.overtimeClaimed');
    const decided = await api.get('/v1/me/notifications', await as('E1002'));
    expect(JSON.stringify(decided.body)).toContain('attendance.overtimeDecided');
  });
});

describe('leave recorded after a day closed', () => {
  it('turns an absence into leave', async () => {
    stack.clock.set('2026-11-04T00:30:00Z'); // 11-03 has ended in Shanghai
    await stack.catchUp();
    const before = await api.get(
      '/v1/employees/E1010/attendance-days?from=2026-11-02&to=2026-11-03',
      await hr(),
    );
    expect(before.body.items?.map((d) => [d.workDate, d.status])).toEqual([
      ['2026-11-02', 'present'],
      ['2026-11-03', 'absent'],
    ]);
    await must(
      api.post('/v1/leave', await hr(), {
        employeeId: 'E1010',
        kind: 'sick',
        from: '2026-11-03',
        to: '2026-11-03',
      }),
    );
    const after = await api.get(
      '/v1/employees/E1010/attendance-days?from=2026-11-03&to=2026-11-03',
      await as('E1010'),
    );
    expect(after.body.items).toMatchObject([{ status: 'on_leave', leave: { kind: 'sick' } }]);
    const leave = await api.get('/v1/employees/E1010/leave', await as('E1002'));
    expect(leave.body.items).toMatchObject([{ kind: 'sick', from: '2026-11-03' }]);
    expectProblem(
      await api.post('/v1/leave', await as('E1002'), {
        employeeId: 'E1010',
        kind: 'sick',
        from: '2026-11-05',
        to: '2026-11-05',
      }),
      403,
    );
  });
});
