import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mentoring } from '#app/training/index.ts';
import { client, expectProblem, must } from '../support/http.ts';
import { newEmployee } from '../support/people.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Mentoring as a programme, on a team built by hand (D93: lead E9300; E9301 mentors E9302 since
 * 2026-10-01; E9303 is a colleague outside the pair). The mentee showed negotiation at level 2 in
 * September; the goals are level 3 by the end of the year and more deals closed alone.
 *
 *   On 2026-11-02 the mentoring has run 33 days (10-01…11-02); the same 33 days before it are
 *   08-29…09-30. Deals the mentee closed alone: 09-15 → 1 before; 10-10 and 10-20 → 2 since
 *   (10-25, closed with the mentor's help, does not count) — change +1, the goal's value 2 met.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let mentorshipId: string;
let kpiId: string;
let customerId: string;
const goals: Record<string, string> = {};

const hr = () => token.E1041 as string;
const person = (id: string, managerId: string) =>
  newEmployee(id, { label: 'Mentoring', departmentId: 'D93', managerId });
const path = (rest = '') => `/v1/mentorships/${mentorshipId}${rest}`;
const progress = async (who = hr()) => {
  const r = await api.get(path('/progress'), who);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as Awaited<ReturnType<Mentoring['progress']>>;
};
const at = async (instant: string) => {
  stack.clock.set(instant);
  for (const who of Object.keys(token))
    token[who] = who.startsWith('E93')
      ? await stack.account(who, who === 'E9300' ? ['employee', 'manager'] : ['employee'])
      : await stack.tokenFor(who);
};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  token.E1041 = await stack.tokenFor('E1041');
  await must(
    api.post('/v1/departments', hr(), {
      id: 'D93',
      name: '带教实验组',
      nameEn: 'Mentoring Lab',
      parentId: 'D02',
    }),
  );
  await must(api.post('/v1/employees', hr(), person('E9300', 'E1001')));
  for (const id of ['E9301', 'E9302', 'E9303'])
    await must(api.post('/v1/employees', hr(), person(id, 'E9300')));
  token.E9300 = await stack.account('E9300', ['employee', 'manager']);
  for (const id of ['E9301', 'E9302', 'E9303']) token[id] = await stack.account(id, ['employee']);
  await must(
    api.post('/v1/skills', hr(), { id: 'negotiation', name: { 'zh-CN': '谈判', en: 'Negotiation' } }),
  );
  await must(
    api.post('/v1/employees/E9302/skills/evidence', token.E9300 as string, {
      skillId: 'negotiation',
      level: 2,
      source: 'manager_assessment',
      on: '2026-09-01',
    }),
  );
  kpiId = String(
    (
      await must(
        api.post('/v1/kpis', hr(), {
          name: { 'zh-CN': '独立成交', en: 'Deals closed alone' },
          source: { kind: 'deals_closed_alone' },
          baseline: 0,
          target: 4,
        }),
      )
    ).id,
  );
  customerId = String(
    (
      await must(
        api.post('/v1/customers', hr(), {
          name: 'Customer of the mentee',
          industry: 'retail',
          region: '华东 East China',
          tier: 'standard',
          ownerId: 'E9302',
        }),
      )
    ).id,
  );
  for (const [closedAt, assistedBy] of [
    ['2026-09-15', []],
    ['2026-10-10', []],
    ['2026-10-20', []],
    ['2026-10-25', ['E9301']],
  ] as const)
    await must(
      api.post(`/v1/customers/${customerId}/deals`, hr(), {
        title: `Deal on ${closedAt}`,
        amount: { amountMinor: 300_000, currency: 'CNY' },
        status: 'won',
        closedAt,
        closedBy: 'E9302',
        assistedBy,
      }),
    );
  mentorshipId = String(
    (
      await must(
        api.post('/v1/mentorships', hr(), {
          mentorId: 'E9301',
          menteeId: 'E9302',
          since: '2026-10-01',
          goal: 'Negotiate key accounts alone',
        }),
      )
    ).id,
  );
});
afterAll(() => stack.stop());

describe('mentoring as a programme', () => {
  it('takes goals aimed at a skill level or a KPI, from HR, the pair or the mentee’s line', async () => {
    const skillGoal = {
      title: 'Negotiate at level 3',
      skillId: 'negotiation',
      targetLevel: 3,
      dueOn: '2026-12-31',
    };
    const unknown = await api.post(path('/goals'), hr(), { ...skillGoal, skillId: 'charm' });
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.skillId' }]);
    const levelless = await api.post(path('/goals'), hr(), { ...skillGoal, targetLevel: undefined });
    expect(levelless.body.errors).toMatchObject([{ field: 'body.targetLevel' }]);
    const aimless = await api.post(path('/goals'), hr(), { title: 'Do better', dueOn: '2026-12-31' });
    expect(aimless.body.errors).toMatchObject([{ field: 'body.skillId' }]);
    const early = await api.post(path('/goals'), hr(), { ...skillGoal, dueOn: '2026-09-30' });
    expect(early.body.errors).toMatchObject([{ field: 'body.dueOn' }]);
    expectProblem(await api.post(path('/goals'), token.E9303 as string, skillGoal), 404);

    const created = await api.post(path('/goals'), hr(), skillGoal);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...skillGoal, mentorshipId, createdBy: 'E1041' });
    goals.skill = String(created.body.id);
    const kpiGoal = await api.post(path('/goals'), token.E9300 as string, {
      title: 'Two deals closed alone',
      kpiId,
      targetValue: 2,
    });
    expect(kpiGoal.status, JSON.stringify(kpiGoal.body)).toBe(201);
    goals.kpi = String(kpiGoal.body.id);
    const byMentee = await api.post(path('/goals'), token.E9302 as string, {
      title: 'Any rise in deals closed alone',
      kpiId,
      dueOn: '2026-11-10',
    });
    expect(byMentee.status).toBe(201);
    goals.rise = String(byMentee.body.id);
  });

  it('logs sessions on the days the mentoring ran, by the mentor or the mentee', async () => {
    const meeting = { on: '2026-10-15', minutes: 60, topics: 'Price objections', goalIds: [goals.skill] };
    const logged = await api.post(path('/sessions'), token.E9302 as string, meeting);
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    expect(logged.body).toMatchObject({ ...meeting, loggedBy: 'E9302' });
    await must(
      api.post(path('/sessions'), token.E9301 as string, {
        on: '2026-10-29',
        minutes: 45,
        topics: 'Closing a renewal',
        goalIds: [goals.skill, goals.kpi],
      }),
    );
    const future = await api.post(path('/sessions'), token.E9301 as string, { ...meeting, on: '2026-11-03' });
    expect(future.body.errors).toMatchObject([{ field: 'body.on' }]);
    const before = await api.post(path('/sessions'), token.E9301 as string, { ...meeting, on: '2026-09-30' });
    expect(before.body.errors).toMatchObject([{ field: 'body.on' }]);
    const stray = await api.post(path('/sessions'), token.E9301 as string, {
      ...meeting,
      goalIds: ['G20260101000000aaaaaaaa'],
    });
    expectProblem(stray, 400, 'reference_not_found');
    expect(stray.body.errors).toMatchObject([{ field: 'body.goalIds.0' }]);
    const short = await api.post(path('/sessions'), token.E9301 as string, { ...meeting, minutes: 2 });
    expect(short.body.errors).toMatchObject([{ field: 'body.minutes' }]);
    // The lead reads the mentorship but does not log the pair's meetings; a colleague sees nothing.
    expectProblem(await api.post(path('/sessions'), token.E9300 as string, meeting), 403);
    expectProblem(await api.post(path('/sessions'), token.E9303 as string, meeting), 404);
    expectProblem(await api.get(path('/sessions'), token.E9303 as string), 404);

    const listed = await api.get(path('/sessions'), token.E9300 as string);
    expect(listed.body.items?.map((s) => s.on)).toEqual(['2026-10-29', '2026-10-15']);
  });

  it('shows each goal’s state from the records: the KPI over the same days before and since', async () => {
    const view = await progress(token.E9302 as string);
    expect(view).toMatchObject({
      mentorId: 'E9301',
      menteeId: 'E9302',
      since: '2026-10-01',
      asOf: '2026-11-02',
      sessions: { count: 2, minutes: 105, firstOn: '2026-10-15', lastOn: '2026-10-29' },
      skills: [],
      skillLevelsGained: 0,
    });
    const byId = Object.fromEntries(view.goals.map((g) => [g.id, g]));
    expect(byId[goals.skill as string]).toMatchObject({ status: 'open', sessions: 2, skill: { level: 2 } });
    const kpi = {
      days: 33,
      before: { from: '2026-08-29', to: '2026-09-30', value: 1 },
      since: { from: '2026-10-01', to: '2026-11-02', value: 2 },
      change: 1,
    };
    expect(byId[goals.kpi as string]).toMatchObject({ status: 'met', sessions: 1, kpi });
    expect(byId[goals.rise as string]).toMatchObject({ status: 'met', sessions: 0, kpi });
  });

  it('meets a skill goal when evidence raises the level, and feeds the mentor effect', async () => {
    await must(
      api.post('/v1/employees/E9302/skills/evidence', hr(), {
        skillId: 'negotiation',
        level: 3,
        source: 'exam',
        on: '2026-10-30',
        reference: 'Negotiation exam 82/100',
      }),
    );
    const view = await progress();
    const skillGoal = view.goals.find((g) => g.id === goals.skill);
    expect(skillGoal).toMatchObject({
      status: 'met',
      skill: { level: 3, basis: { source: 'exam', on: '2026-10-30' } },
    });
    expect(view.skills).toMatchObject([
      {
        skillId: 'negotiation',
        from: 2,
        to: 3,
        change: 1,
        basis: { from: { level: 2, on: '2026-09-01' }, to: { level: 3, on: '2026-10-30' } },
      },
    ]);
    expect(view.skillLevelsGained).toBe(1);

    const effect = await api.get('/v1/employees/E9301/mentor-effect', hr());
    expect(effect.status, JSON.stringify(effect.body)).toBe(200);
    expect(effect.body.mentees).toMatchObject([
      {
        menteeId: 'E9302',
        programme: {
          sessions: 2,
          minutes: 105,
          lastSessionOn: '2026-10-29',
          skills: [{ skillId: 'negotiation', from: 2, to: 3 }],
          skillLevelsGained: 1,
        },
      },
    ]);
    expect(effect.body.programme).toEqual({
      menteesWithSessions: 1,
      sessions: 2,
      minutes: 105,
      skillLevelsGained: 1,
    });
  });

  it('marks an unmet goal overdue after its day, and stops taking goals once the mentoring ends', async () => {
    await at('2026-11-12T02:00:00Z');
    // From 11-12 the windows are 43 days: 08-19…09-30 (1 deal) against 10-01…11-12 (2); still a rise.
    const risen = (await progress()).goals.find((g) => g.id === goals.rise);
    expect(risen).toMatchObject({
      status: 'met',
      kpi: { days: 43, before: { value: 1 }, since: { value: 2 } },
    });
    const late = await api.post(path('/goals'), hr(), {
      title: 'Negotiate at level 5',
      skillId: 'negotiation',
      targetLevel: 5,
      dueOn: '2026-11-11',
    });
    expect(late.status).toBe(201);
    const overdue = (await progress()).goals.find((g) => g.id === late.body.id);
    expect(overdue).toMatchObject({ status: 'overdue', skill: { level: 3 } });

    const mentorship = await api.get(path(), hr());
    await must(
      api.patch(
        path(),
        hr(),
        { until: '2026-11-05', reason: 'Mentee moved to the key-account team' },
        mentorship.headers.get('etag') as string,
      ),
    );
    expectProblem(
      await api.post(path('/goals'), hr(), {
        title: 'After the end',
        skillId: 'negotiation',
        targetLevel: 4,
      }),
      409,
      'mentorship_ended',
    );
    const afterEnd = await api.post(path('/sessions'), token.E9301 as string, {
      on: '2026-11-06',
      minutes: 30,
      topics: 'Farewell',
    });
    expect(afterEnd.body.errors).toMatchObject([{ field: 'body.on' }]);
    const lastOne = await api.post(path('/sessions'), token.E9301 as string, {
      on: '2026-11-05',
      minutes: 30,
      topics: 'Handing over notes',
    });
    expect(lastOne.status).toBe(201);
    const ended = await progress();
    expect(ended).toMatchObject({
      status: 'ended',
      until: '2026-11-05',
      sessions: { count: 3, lastOn: '2026-11-05' },
    });
    // The windows end on the mentoring's last day: 36 days each.
    expect(ended.goals.find((g) => g.id === goals.kpi)?.kpi).toMatchObject({
      days: 36,
      since: { from: '2026-10-01', to: '2026-11-05', value: 2 },
    });
  });
});
