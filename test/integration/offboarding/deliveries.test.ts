import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { addDays, localDate, startOfDay } from '#kernel/time.ts';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 7 and the safety net. The scheduler may deliver a stage twice, late, early or out of
 * order, and the bus may deliver OffboardingCompleted at any time; the outcome must be exactly the
 * first correct application of each stage, and the evidence chain must verify afterwards.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const zone = 'Asia/Shanghai';
const day = 24 * 3600 * 1000;

const hrToken = () => stack.identityProvider.issue({ employeeId: 'E1040', groups: ['employee', 'hr_admin'] });

let nextId = 3000;
/** A new salesman with key-account access and a live sign-in, who then resigns 14 days ahead. */
async function resigningEmployee() {
  const id = `E${nextId++}`;
  const hr = await hrToken();
  const created = await api.post('/v1/employees', hr, {
    id,
    name: '测试 Test',
    workEmail: `${id.toLowerCase()}@hongtu.example`,
    phone: '+86 138 0000 0000',
    departmentId: 'D02',
    position: '销售 Sales Representative',
    managerId: 'E1001',
    hireDate: localDate(stack.clock.now(), zone),
    hireChannel: 'campus',
    site: '上海 Shanghai',
    timeZone: zone,
    roles: ['employee', 'manager'],
  });
  expect(created.status).toBe(201);
  await stack.bus.drain();
  const lastWorkingDay = addDays(localDate(stack.clock.now(), zone), 14);
  const submitted = await api.post(`/v1/employees/${id}/resignation`, hr, {
    lastWorkingDay,
    reason: 'Leaves',
  });
  expect(submitted.status).toBe(201);
  await stack.bus.drain(); // the planner schedules; nothing fires, the test delivers by hand
  return { id, resignationId: String(submitted.body.id), lastWorkingDay };
}

type Delivery =
  | { kind: 'stage'; stage: 'key-accounts' | 'account' | 'identity-removal' }
  | { kind: 'completed' };
/** Moments of the plan, as offsets from the submission: before, at and after each due time. */
const moments = [
  'submission',
  'beforeKeyAccounts',
  'keyAccounts',
  'lastDay',
  'account',
  'accountLate',
  'identity',
  'identityLate',
] as const;
type Moment = (typeof moments)[number];

function timeOf(moment: Moment, submittedAt: Date, lastWorkingDay: string): Date {
  const keyAccounts = startOfDay(addDays(lastWorkingDay, -7), zone);
  const account = startOfDay(addDays(lastWorkingDay, 2), zone);
  const identity = startOfDay(addDays(lastWorkingDay, 90), zone);
  return {
    submission: submittedAt,
    beforeKeyAccounts: new Date(keyAccounts.getTime() - 3600_000),
    keyAccounts,
    lastDay: new Date(startOfDay(lastWorkingDay, zone).getTime() + 10 * 3600_000),
    account,
    accountLate: new Date(account.getTime() + 3 * day),
    identity,
    identityLate: new Date(identity.getTime() + 10 * day),
  }[moment];
}

const delivery: fc.Arbitrary<Delivery> = fc.oneof(
  fc.record({
    kind: fc.constant('stage' as const),
    stage: fc.constantFrom('key-accounts', 'account', 'identity-removal'),
  }),
  fc.constant({ kind: 'completed' as const }),
);
/** Batches of deliveries: each at a moment (in time order), the deliveries of a batch all at once. */
const schedule = fc
  .array(
    fc.record({
      moment: fc.constantFrom(...moments),
      deliveries: fc.array(delivery, { minLength: 1, maxLength: 3 }),
    }),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((batches) => batches.sort((a, b) => moments.indexOf(a.moment) - moments.indexOf(b.moment)));

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
});
afterAll(() => stack.stop());

describe('deliveries of revocation stages', () => {
  it('applies each stage exactly once, at the first delivery that may apply it, whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(schedule, async (batches) => {
        const person = await resigningEmployee();
        const submittedAt = stack.clock.now();
        const due = {
          'key-accounts': timeOf('keyAccounts', submittedAt, person.lastWorkingDay),
          account: timeOf('account', submittedAt, person.lastWorkingDay),
          'identity-removal': timeOf('identity', submittedAt, person.lastWorkingDay),
        };
        // The model: when each stage first may apply, and by what.
        const expected: Record<string, { at: string; by: string }> = {};
        const deliver = (d: Delivery) =>
          d.kind === 'completed'
            ? stack.functions.invoke('ResignationPlanner', {
                id: randomUUID(),
                'detail-type': 'OffboardingCompleted',
                source: 'hr',
                time: stack.clock.now().toISOString(),
                detail: { employeeId: person.id, resignationId: person.resignationId },
              })
            : stack.functions.invoke('Revocation', {
                employeeId: person.id,
                resignationId: person.resignationId,
                stage: d.stage,
              });

        // A completion before the last working day has ended takes nothing yet: it moves the account
        // stage to that end (midnight after the day, company time).
        const endOfLastDay = startOfDay(addDays(person.lastWorkingDay, 1), zone);
        for (const batch of batches) {
          const at = timeOf(batch.moment, submittedAt, person.lastWorkingDay);
          if (at > stack.clock.now()) stack.clock.set(at);
          const now = stack.clock.now();
          let completedEarly = false;
          for (const d of batch.deliveries) {
            const stage = d.kind === 'completed' ? 'account' : d.stage;
            const may = d.kind === 'completed' ? endOfLastDay <= now : due[stage] <= now;
            if (d.kind === 'completed' && !may) completedEarly = true;
            if (may && !expected[stage])
              expected[stage] = {
                at: now.toISOString(),
                by: d.kind === 'completed' ? 'completion' : 'schedule',
              };
          }
          if (completedEarly && endOfLastDay < due.account) due.account = endOfLastDay;
          // A stage takes every earlier one still waiting with it; racing its own delivery, either wins.
          const order = ['key-accounts', 'account', 'identity-removal'];
          const latest = order.findLastIndex((name) => expected[name]?.at === now.toISOString());
          for (const name of order.slice(0, Math.max(latest, 0))) {
            const earlier = expected[name];
            if (!earlier) expected[name] = { at: now.toISOString(), by: 'either' };
            else if (earlier.at === now.toISOString()) earlier.by = 'either';
          }
          // A batch arrives at once: concurrent deliveries of the same stage race for it.
          await Promise.all(batch.deliveries.map(deliver));
          // Completion and schedule racing for the account stage: either may win.
          const both =
            batch.deliveries.some((d) => d.kind === 'completed') &&
            batch.deliveries.some((d) => d.kind === 'stage' && d.stage === 'account' && due.account <= now);
          if (both && expected.account?.at === now.toISOString()) expected.account.by = 'either';
        }

        const hr = await hrToken();
        const plan = await api.get(`/v1/employees/${person.id}/resignation`, hr);
        const stages = Object.fromEntries(
          (
            plan.body.stages as {
              name: string;
              status: string;
              appliedAt?: string;
              appliedBy?: string;
              evidence: { action: string; details: { permission?: string } }[];
            }[]
          ).map((s) => [s.name, s]),
        );
        for (const name of ['key-accounts', 'account', 'identity-removal'] as const) {
          const stage = stages[name];
          const want = expected[name];
          if (!want) {
            expect(stage?.status, name).toBe('scheduled');
            // Only an early completion has touched it: moved to the end of the last working day.
            expect(
              stage?.evidence.filter((e) => e.action !== 'revocation.stage-moved'),
              name,
            ).toEqual([]);
            expect((stage as unknown as { dueAt: string }).dueAt, name).toBe(due[name].toISOString());
            continue;
          }
          expect(stage, name).toMatchObject({ status: 'applied', appliedAt: want.at });
          if (want.by !== 'either') expect(stage?.appliedBy, name).toBe(want.by);
          // Once: one "stage applied" entry, and no permission revoked twice.
          const applied = stage?.evidence.filter((e) => e.action === 'revocation.stage-applied') ?? [];
          expect(applied, name).toHaveLength(1);
          const revoked =
            stage?.evidence
              .filter((e) => e.action === 'permission.revoked')
              .map((e) => e.details.permission) ?? [];
          expect(new Set(revoked).size, name).toBe(revoked.length);
        }
        const identity = await stack.identity.status(person.id);
        if (expected['identity-removal']) expect(identity).toBe('missing');
        else if (expected.account) expect(identity).toBe('disabled');
        else expect(identity).toBe('enabled');
        const live = await api.get(`/v1/employees/${person.id}/permissions`, hr);
        expect(live.body.status).toBe(expected.account ? 'disabled' : 'enabled');
        if (expected['key-accounts'] && !expected.account)
          expect(JSON.stringify(live.body.permissions)).not.toContain('key-accounts');
      }),
      { numRuns: 12, endOnFailure: true },
    );
    const verified = await makeEvidenceLog(
      stack.clients.dynamo,
      stack.names.tables.evidence,
      stack.clock,
    ).verify();
    expect(verified).toMatchObject({ intact: true });
  });

  it('refuses a delivery for a stage that does not exist, and ignores a resignation that is not there', async () => {
    const missing = 'R20260101000000abcdef';
    await expect(
      stack.functions.invoke('Revocation', {
        employeeId: 'E1003',
        resignationId: missing,
        stage: 'everything',
      }),
    ).rejects.toThrow(/stage: Invalid option/);
    await expect(
      stack.functions.invoke('Revocation', { employeeId: 'E1003', resignationId: missing, stage: 'account' }),
    ).resolves.toBeUndefined();
    expect((await api.get('/v1/employees/E1003/permissions', await hrToken())).body.status).toBe('enabled');
  });
});

describe('the compliance sweep', () => {
  const hrGet = async (path: string) => api.get(path, await hrToken());
  /** The sweep's summaries in HR's inbox, newest first (the inbox also holds handover notices). */
  const summaries = async () =>
    ((await hrGet('/v1/me/notifications?inbox=hr&limit=100')).body.items ?? []).filter(
      (n) => n.kind === 'compliance.summary',
    ) as { id: string; kind: string; body: string; readAt?: string }[];
  const permissionsOf = async (id: string) =>
    ((await hrGet(`/v1/employees/${id}/permissions`)).body.permissions as { permission: string }[]).map(
      (p) => p.permission,
    );

  it('applies a stage whose schedule was deleted, schedules a lost one again, and tells HR why', async () => {
    await stack.catchUp(); // whatever earlier tests left due runs now
    const broken = await resigningEmployee();
    const lost = await resigningEmployee();
    const keyAccounts = timeOf('keyAccounts', stack.clock.now(), broken.lastWorkingDay);
    // The evening before D−7 the day's sweep has run and found the plans whole...
    stack.clock.set(new Date(keyAccounts.getTime() - 3600_000));
    await stack.catchUp();
    // ...then someone deletes two schedules by hand.
    await stack.scheduler.cancel(`rev-${broken.resignationId}-key-accounts`);
    await stack.scheduler.cancel(`rev-${lost.resignationId}-account`);
    const before = (await summaries()).length;

    stack.clock.set(new Date(keyAccounts.getTime() + 3600_000)); // 01:00: nothing fires
    await stack.catchUp();
    expect(await permissionsOf(broken.id)).toContain('customer:read:key-accounts');
    stack.clock.set(new Date(keyAccounts.getTime() + 7 * 3600_000)); // 07:00: the sweep has run at 06:00
    await stack.catchUp();

    // The day's gauges: the late stage (its alarm), open cases and overdue nodes as HR lists them.
    const sweepAt = stack.metrics.published.findLast((m) => m.name === 'StagesAppliedLate')?.at as string;
    const gauges = new Map(
      stack.metrics.published.filter((m) => m.at === sweepAt).map((m) => [m.name, m.value]),
    );
    expect(gauges.get('StagesAppliedLate')).toBe(1);
    const open = await readAllPages(api, '/v1/offboarding?status=open', await hrToken(), 100);
    expect(gauges.get('OpenCases')).toBe(open.items.length);
    const overdue = await readAllPages(api, '/v1/offboarding?status=overdue', await hrToken(), 100);
    let lateNodes = 0;
    for (const { id } of overdue.items) {
      const c = await hrGet(`/v1/offboarding/${id}`);
      lateNodes += (c.body.nodes as { status: string; overdueSince?: string }[]).filter(
        (n) => n.status === 'open' && n.overdueSince,
      ).length;
    }
    expect(gauges.get('OverdueNodes')).toBe(lateNodes);
    // The daily backup ran later that same morning: the age is that of the one before.
    const backups = (await hrGet('/v1/backups?limit=10')).body.items as { finishedAt?: string }[];
    const previous = backups.find((b) => b.finishedAt && b.finishedAt < sweepAt)?.finishedAt as string;
    expect(gauges.get('BackupAgeSeconds')).toBe((Date.parse(sweepAt) - Date.parse(previous)) / 1000);

    const plan = await hrGet(`/v1/employees/${broken.id}/resignation`);
    expect((plan.body.stages as { name: string; appliedBy?: string }[])[1]).toMatchObject({
      name: 'key-accounts',
      appliedBy: 'sweep',
    });
    expect(await permissionsOf(broken.id)).not.toContain('customer:read:key-accounts');
    expect((await stack.scheduler.list()).map((s) => s.name)).toContain(`rev-${lost.resignationId}-account`);

    const notices = await summaries();
    expect(notices.length).toBe(before + 1);
    const summary = notices[0] as { id: string; kind: string; title: string; body: string };
    expect(summary.kind).toBe('compliance.summary');
    expect(summary.body).toContain(`${broken.id}: applied the key-accounts stage`);
    expect(summary.body).toContain(`rev-${broken.resignationId}-key-accounts did not apply it`);
    expect(summary.body).toContain(`${lost.id}: scheduled the account stage again`);
    expect(summary.body).toContain(`rev-${lost.resignationId}-account was missing`);
    // HR's inbox reads both languages.
    expect(summary.body).toContain(`${broken.id}：执行了 key-accounts 阶段`);
    expect(summary.title).toMatch(/^合规检查修复了 2 项 \/ Compliance sweep fixed 2 thing\(s\)$/);

    // The inbox is HR's: marked read once, for everyone in HR; nobody else reads it.
    const read = await api.post(
      `/v1/me/notifications/${summary.id}/read?inbox=hr`,
      await hrToken(),
      undefined,
    );
    expect(read.status).toBe(204);
    expect((await summaries())[0]?.readAt).toBe(stack.clock.now().toISOString());
    const salesman = await stack.identityProvider.issue({ employeeId: 'E1003', groups: ['employee'] });
    expectProblem(await api.get('/v1/me/notifications?inbox=hr', salesman), 403);
    expect((await api.get('/v1/me/notifications', salesman)).body.items).toEqual([]);
    expectProblem(await api.post(`/v1/me/notifications/${summary.id}/read`, salesman, undefined), 404);
    expectProblem(await api.post('/v1/me/notifications/not-a-notice/read', salesman, undefined), 400);
  });

  it('takes everything from someone who left but kept a permission or a live sign-in', async () => {
    const leaver = await resigningEmployee();
    const accountDue = timeOf('account', stack.clock.now(), leaver.lastWorkingDay);
    stack.clock.set(accountDue);
    await stack.catchUp();
    expect(await stack.identity.status(leaver.id)).toBe('disabled');
    // Someone re-enables the sign-in by hand, and HR grants a permission by mistake.
    await stack.identity.enable(leaver.id);
    await api.post(`/v1/employees/${leaver.id}/permissions/customer:read:own/grant`, await hrToken(), {
      reason: 'By mistake',
    });
    expect(await permissionsOf(leaver.id)).toEqual(['customer:read:own']);
    stack.clock.set(new Date(accountDue.getTime() + day));
    await stack.catchUp();
    expect(await stack.identity.status(leaver.id)).toBe('disabled');
    expect(await permissionsOf(leaver.id)).toEqual([]);
    const summary = String((await summaries())[0]?.body);
    expect(summary).toContain(`${leaver.id}: revoked 1 permission(s)`);
    expect(summary).toContain(`${leaver.id}: disabled and signed out their sign-in identity`);
  });
});
