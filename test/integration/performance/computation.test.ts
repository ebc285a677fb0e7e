import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoReviews } from '#infra/local/demo/demoReviews.ts';
import { client, expectProblem, must } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * A cycle from opening to release, on a hand-built team whose answer is known (D91, led by L E9100,
 * who reports to Zhang Wei E1001). In the third quarter of 2026:
 *   A (E9101) won four deals: three alone, one with L's help.           closed alone 3
 *   B (E9102) won three: two alone, one with A, who mentors B since June; one more in October.   2
 *   C (E9103) won three alone, one of them with D's help (a peer's help keeps it alone).         3
 *   D (E9104) lost one and won none.                                                               0
 * KPIs: deals closed alone (baseline 0, target 6) weight 40; L's share of members with three closed
 * alone (baseline 30%, target 60%) weight 30; teamwork rated 1–5, weight 30 (self 20, manager 50).
 *   L: team 2/4 = 50% → progress (0.5 − 0.3) / 0.3 = 2/3 → 20 points; alone 0 → 0; teamwork self 3
 *      → (3 − 1) / 4 = 0.5 → 15 points: 35.
 *   A: alone 3/6 = 0.5 → 20; no team (its 30 do not apply); teamwork self 4, manager 5 →
 *      (20·4 + 50·5) / 70 = 4.714 → 0.9286 → 27.857: 47.857 / 70 = 68.37.
 *   B: alone 2/6 → 13.33 of 40, nothing else applies: 33.33.   D: 0.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
let cycleId: string;
let templateId: string;
const deals: Record<string, string> = {};
const customers: Record<string, string> = {};

const person = (id: string, personName: string, managerId: string, position = '销售 Sales') => ({
  id,
  name: personName,
  nameLatin: personName,
  workEmail: `${id.toLowerCase()}@hongtu.example`,
  phone: '+86 138 0000 0000',
  departmentId: 'D91',
  position,
  managerId,
  hireDate: '2020-03-01',
  hireChannel: 'campus',
  site: '上海 Shanghai',
  timeZone: 'Asia/Shanghai',
});

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1001', 'E1041', 'E1002']) token[who] = await stack.tokenFor(who);
  const hr = token.E1041 as string;
  await must(
    api.post('/v1/departments', hr, {
      id: 'D91',
      name: '独立实验组',
      nameEn: 'Independence Lab',
      parentId: 'D02',
    }),
  );
  await must(api.post('/v1/employees', hr, person('E9100', 'Lead L', 'E1001', '销售经理 Sales Lead')));
  for (const [id, n] of [
    ['E9101', 'Seller A'],
    ['E9102', 'Seller B'],
    ['E9103', 'Seller C'],
    ['E9104', 'Seller D'],
  ] as const)
    await must(api.post('/v1/employees', hr, person(id, n, 'E9100')));
  token.E9100 = await stack.account('E9100', ['employee', 'manager']);
  for (const id of ['E9101', 'E9102', 'E9103', 'E9104']) token[id] = await stack.account(id, ['employee']);
  for (const owner of ['E9101', 'E9102', 'E9103', 'E9104'])
    customers[owner] = String(
      (
        await must(
          api.post('/v1/customers', hr, {
            name: `Customer of ${owner}`,
            industry: 'retail',
            region: '华东 East China',
            tier: 'standard',
            ownerId: owner,
          }),
        )
      ).id,
    );
  await must(
    api.post('/v1/mentorships', hr, {
      mentorId: 'E9101',
      menteeId: 'E9102',
      since: '2026-06-01',
      goal: 'Own accounts',
    }),
  );
  const deal = async (
    key: string,
    closedBy: string,
    closedAt: string,
    assistedBy: string[] = [],
    status = 'won',
  ) => {
    deals[key] = String(
      (
        await must(
          api.post(`/v1/customers/${customers[closedBy]}/deals`, hr, {
            title: `Deal ${key}`,
            amount: { amountMinor: 1_000_000, currency: 'CNY' },
            status,
            closedAt,
            closedBy,
            assistedBy,
          }),
        )
      ).id,
    );
  };
  await deal('A1', 'E9101', '2026-07-10');
  await deal('A2', 'E9101', '2026-08-10');
  await deal('A3', 'E9101', '2026-09-10');
  await deal('A4', 'E9101', '2026-09-20', ['E9100']);
  await deal('B1', 'E9102', '2026-07-12');
  await deal('B2', 'E9102', '2026-08-15', ['E9101']);
  await deal('B3', 'E9102', '2026-09-15');
  await deal('B4', 'E9102', '2026-10-05');
  await deal('C1', 'E9103', '2026-07-01');
  await deal('C2', 'E9103', '2026-08-01', ['E9104']);
  await deal('C3', 'E9103', '2026-09-30');
  await deal('D1', 'E9104', '2026-08-20', [], 'lost');

  const alone = await must(
    api.post('/v1/kpis', hr, {
      name: name('独立成交订单', 'Deals closed alone'),
      source: { kind: 'deals_closed_alone' },
      baseline: 0,
      target: 6,
    }),
  );
  const team = await must(
    api.post('/v1/kpis', hr, {
      name: name('团队独立成交率', 'Team members closing alone'),
      source: { kind: 'team_closing_alone', minDeals: 3 },
      baseline: 0.3,
      target: 0.6,
    }),
  );
  const template = await must(
    api.post('/v1/review-templates', hr, {
      name: name('销售考核', 'Sales review'),
      kpis: [
        { kpiId: alone.id, weight: 40 },
        { kpiId: team.id, weight: 30 },
      ],
      competencies: [{ key: 'teamwork', name: name('团队合作', 'Teamwork'), weight: 30 }],
    }),
  );
  templateId = String(template.id);
  const cycle = await must(
    api.post('/v1/review-cycles', hr, {
      name: name('2026 年第三季度', '2026 Q3'),
      period: { start: '2026-07-01', end: '2026-09-30' },
      templateIds: [template.id],
      participants: { departments: [{ id: 'D91' }] },
      ratingsDue: { self: '2026-11-10', peer: '2026-11-10', manager: '2026-11-12' },
    }),
  );
  cycleId = String(cycle.id);
  const rate = (who: string, reviewee: string, teamwork: number) =>
    must(
      api.post(`/v1/review-cycles/${cycleId}/reviews/${reviewee}/ratings`, token[who] as string, {
        competencies: { teamwork },
      }),
    );
  await rate('E9101', 'E9101', 4);
  await rate('E9100', 'E9101', 5);
  await rate('E9100', 'E9100', 3);
});
afterAll(() => stack.stop());

type Result = {
  score?: number;
  templateVersion: number;
  kpis: {
    kpiId: string;
    actual?: number;
    progress?: number;
    appliedWeight: number;
    records: Record<string, unknown>[];
  }[];
  competencies: { rating?: number; raters: Record<string, unknown> }[];
};
const resultOf = async (who: string, reviewee: string) =>
  (await api.get(`/v1/review-cycles/${cycleId}/reviews/${reviewee}`, token[who] as string)).body.result as
    | Result
    | undefined;

describe('computing a cycle', () => {
  it('cannot be released before it is computed, and is computed by HR only', async () => {
    expectProblem(
      await api.post(`/v1/review-cycles/${cycleId}/release`, token.E1041 as string, undefined),
      409,
      'cycle_not_computed',
    );
    expectProblem(
      await api.post(`/v1/review-cycles/${cycleId}/computation`, token.E9100 as string, undefined),
      403,
    );
  });

  it('computes every KPI from the records as of the period’s end, matching the hand-computed answer', async () => {
    const key = { 'idempotency-key': 'compute-q3-0001' };
    const ask = () =>
      api.post(`/v1/review-cycles/${cycleId}/computation`, token.E1041 as string, undefined, key);
    const asked = await ask();
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ status: 'computing', computation: { run: 1, requestedBy: 'E1041' } });
    // A retried request answers as the first did: no second run.
    expect((await ask()).body).toEqual(asked.body);
    await stack.catchUp();
    const cycle = await api.get(`/v1/review-cycles/${cycleId}`, token.E1041 as string);
    expect(cycle.body).toMatchObject({ status: 'computed', computation: { run: 1 } });
    expect(cycle.body.computation).toHaveProperty('finishedAt');

    const scores: Record<string, number | undefined> = {};
    for (const id of ['E9100', 'E9101', 'E9102', 'E9103', 'E9104'])
      scores[id] = (await resultOf('E1041', id))?.score;
    expect(scores).toEqual({ E9100: 35, E9101: 68.37, E9102: 33.33, E9103: 50, E9104: 0 });

    const lead = (await resultOf('E1041', 'E9100')) as Result;
    expect(lead.kpis.map((k) => [k.actual, k.progress])).toEqual([
      [0, 0],
      [0.5, 0.666667],
    ]);
    expect(lead.kpis[1]?.records).toEqual([
      { kind: 'member', employeeId: 'E9101', closedAlone: 3, assisted: 1, counted: true },
      { kind: 'member', employeeId: 'E9102', closedAlone: 2, assisted: 1, counted: false },
      { kind: 'member', employeeId: 'E9103', closedAlone: 3, assisted: 0, counted: true },
      { kind: 'member', employeeId: 'E9104', closedAlone: 0, assisted: 0, counted: false },
    ]);
    const a = (await resultOf('E1041', 'E9101')) as Result;
    // Each deal is shown with why it counted or not; the team KPI does not apply to A, its weight goes to the rest.
    expect(a.kpis[0]?.records.map((r) => [r.id, r.counted, r.because])).toEqual([
      [deals.A1, true, undefined],
      [deals.A2, true, undefined],
      [deals.A3, true, undefined],
      [deals.A4, false, 'assisted_by_lead'],
    ]);
    expect(a.kpis.map((k) => k.appliedWeight)).toEqual([57.1429, 0]);
    expect(a.competencies[0]).toMatchObject({
      rating: 4.7143,
      raters: { self: 4, manager: 5, peers: { raters: 0 } },
    });
    const b = (await resultOf('E1041', 'E9102')) as Result;
    expect(b.kpis[0]?.records.find((r) => r.id === deals.B2)).toMatchObject({
      counted: false,
      because: 'assisted_by_mentor',
      by: ['E9101'],
    });
    expect(b.kpis[0]?.records.map((r) => r.id)).not.toContain(deals.B4);
  });

  it('shows results to HR and the line once computed, to the reviewee only once released, never to a peer', async () => {
    expect(await resultOf('E9100', 'E9101')).toMatchObject({ score: 68.37 });
    expect(await resultOf('E1001', 'E9101')).toMatchObject({ score: 68.37 });
    expect(await resultOf('E9101', 'E9101')).toBeUndefined();
    expect(await resultOf('E9102', 'E9101')).toBeUndefined();
    const scoresOf = async (who: string, of: string) =>
      (await api.get(`/v1/employees/${of}/scores`, token[who] as string)).body.items ?? [];
    expect(await scoresOf('E9101', 'E9101')).toEqual([]);
    expect(await scoresOf('E1041', 'E9101')).toMatchObject([
      { cycleId, released: false, result: { score: 68.37 } },
    ]);
    const released = await api.post(`/v1/review-cycles/${cycleId}/release`, token.E1041 as string, undefined);
    expect(released.body).toMatchObject({ status: 'released', releasedBy: 'E1041' });
    expect(await resultOf('E9101', 'E9101')).toMatchObject({ score: 68.37 });
    expect(await resultOf('E9102', 'E9101')).toBeUndefined();
    // Released is final: no new run, no more ratings.
    expectProblem(
      await api.post(`/v1/review-cycles/${cycleId}/computation`, token.E1041 as string, undefined),
      409,
      'cycle_released',
    );
    expectProblem(
      await api.post(`/v1/review-cycles/${cycleId}/reviews/E9102/ratings`, token.E9102 as string, {
        competencies: { teamwork: 5 },
      }),
      409,
      'ratings_closed',
    );
  });

  it('shows a correction made after release as a difference beside the released score, which stays', async () => {
    const scores = async (who: string, of: string) => {
      const read = await api.get(`/v1/employees/${of}/scores`, token[who] as string);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      return (read.body.items ?? []) as {
        result: Result;
        recomputed: { score?: number; same: boolean; differences: Record<string, unknown>[] };
      }[];
    };
    const [mine] = await scores('E9101', 'E9101');
    // Computed again from the same records: the same numbers.
    expect(mine).toMatchObject({
      released: true,
      result: { score: 68.37 },
      recomputed: { score: 68.37, same: true, differences: [] },
    });
    expect(await scores('E9100', 'E9101')).toHaveLength(1);
    expectProblem(await api.get('/v1/employees/E9101/scores', token.E9102 as string), 404);

    // B's August deal was in fact closed alone: the record is corrected after release.
    const path = `/v1/customers/${customers.E9102}/deals/${deals.B2}`;
    const corrected = await api.change(path, token.E1041 as string, {
      assistedBy: [],
      reason: 'A only joined the call',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const [b] = await scores('E9102', 'E9102');
    expect(b?.result.score).toBe(33.33);
    expect(b?.recomputed).toMatchObject({
      score: 50,
      same: false,
      differences: [
        {
          released: { actual: 2 },
          now: { actual: 3 },
          recordsAdded: [],
          recordsRemoved: [],
          recordsCountedDifferently: [`deal:${deals.B2}`],
        },
      ],
    });
    // B now has three alone: the lead's team share would be 3/4 (capped at the target), 35 would be 45.
    const [lead] = await scores('E9100', 'E9100');
    expect(lead).toMatchObject({ result: { score: 35 }, recomputed: { score: 45, same: false } });
    expect(lead?.recomputed.differences).toMatchObject([
      {
        released: { actual: 0.5 },
        now: { actual: 0.75, progress: 1 },
        recordsCountedDifferently: ['member:E9102'],
      },
    ]);
  });

  it('shows a lead her team’s independence month by month, per released cycle and per member', async () => {
    const view = await api.get('/v1/employees/E9100/team-independence?months=5', token.E9100 as string);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    // B's August deal now counts as alone (corrected above); D won nothing.
    expect(view.body.months).toEqual([
      { month: '2026-07', members: 4, closingAlone: 3, share: 0.75 },
      { month: '2026-08', members: 4, closingAlone: 3, share: 0.75 },
      { month: '2026-09', members: 4, closingAlone: 3, share: 0.75 },
      { month: '2026-10', members: 4, closingAlone: 1, share: 0.25 },
      { month: '2026-11', members: 4, closingAlone: 0, share: 0 },
    ]);
    expect(view.body.members).toEqual([
      {
        employeeId: 'E9101',
        name: 'Seller A',
        won: 4,
        closedAlone: 3,
        assisted: 1,
        helpers: [{ employeeId: 'E9100', deals: 1 }],
      },
      { employeeId: 'E9102', name: 'Seller B', won: 4, closedAlone: 4, assisted: 0, helpers: [] },
      {
        employeeId: 'E9103',
        name: 'Seller C',
        won: 3,
        closedAlone: 3,
        assisted: 0,
        helpers: [{ employeeId: 'E9104', deals: 1 }],
      },
      { employeeId: 'E9104', name: 'Seller D', won: 0, closedAlone: 0, assisted: 0, helpers: [] },
    ]);
    // The released cycle, as it was computed then.
    expect(view.body.cycles).toMatchObject([
      { cycleId, share: 0.5, baseline: 0.3, target: 0.6, progress: 0.666667 },
    ]);
    const strict = await api.get(
      '/v1/employees/E9100/team-independence?months=5&minDeals=1&alone=no_assistant',
      token.E1001 as string,
    );
    expect((strict.body.months as { closingAlone: number }[]).map((m) => m.closingAlone)).toEqual([
      3, 2, 3, 1, 0,
    ]);
    expectProblem(await api.get('/v1/employees/E9100/team-independence', token.E9101 as string), 404);
    expectProblem(
      await api.get('/v1/employees/E9100/team-independence?months=99', token.E1041 as string),
      400,
    );
  });

  it('shows a mentor’s effect between the cycle before the mentoring and the latest, unscored below three mentees', async () => {
    // A mentors B since June: the second quarter, before it, is reviewed and released too.
    const hr = token.E1041 as string;
    const q2 = await must(
      api.post('/v1/review-cycles', hr, {
        name: name('2026 年第二季度', '2026 Q2'),
        period: { start: '2026-04-01', end: '2026-05-31' },
        templateIds: [templateId],
        participants: { departments: [{ id: 'D91' }] },
        ratingsDue: { self: '2026-11-10', peer: '2026-11-10', manager: '2026-11-12' },
      }),
    );
    await must(api.post(`/v1/review-cycles/${q2.id}/computation`, hr, undefined));
    await stack.catchUp();
    await must(api.post(`/v1/review-cycles/${q2.id}/release`, hr, undefined));
    const effect = await api.get('/v1/employees/E9101/mentor-effect', token.E9101 as string);
    expect(effect.status, JSON.stringify(effect.body)).toBe(200);
    expect(effect.body).toMatchObject({
      mentorId: 'E9101',
      compared: 1,
      scored: false,
      mentees: [
        {
          menteeId: 'E9102',
          since: '2026-06-01',
          compared: true,
          beforeCycleId: q2.id,
          latestCycleId: cycleId,
          // Released numbers: 0 before, 33.33 in Q3 (the later correction does not change them).
          scoreChange: 33.33,
          kpis: [{ before: 0, latest: 0.333333, change: 0.3333 }],
        },
      ],
      average: { scoreChange: 33.33 },
    });
    expectProblem(await api.get('/v1/employees/E9101/mentor-effect', token.E9102 as string), 404);
  });
});

describe('the demo company’s reviews (scenario 10)', () => {
  it('show Wang Fang’s team going from 3 of 10 closing alone to 6 of 10, and her score with it', async () => {
    const demo = await loadDemoReviews({
      url: stack.url,
      token: (id) => stack.tokenFor(id),
      today: '2026-11-02',
      settle: async () => {
        await stack.catchUp();
      },
    });
    expect(demo.cycleIds).toHaveLength(2);
    const view = await api.get('/v1/employees/E1002/team-independence', token.E1002 as string);
    expect(
      (view.body.cycles as { share: number; progress: number }[]).map((c) => [c.share, c.progress]),
    ).toEqual([
      [0.3, 0],
      [0.6, 1],
    ]);
    const scores = (await api.get('/v1/employees/E1002/scores', token.E1002 as string)).body.items ?? [];
    // Newest first: 40 (alone, capped) + 30 (team) + 11.25 + 12.32 (ratings) against 40 + 0 + 8.57 + 11.25.
    expect(scores.map((s) => (s.result as { score: number }).score)).toEqual([93.57, 59.82]);
    // Her profile gathers them too, for her and for her line.
    for (const who of ['E1002', 'E1001']) {
      const profile = await api.get('/v1/employees/E1002/profile', token[who] as string);
      expect(profile.body.performance).toMatchObject({
        reviews: [
          { name: { en: '2026 H1' }, score: 93.57 },
          { name: { en: '2025 H2' }, score: 59.82 },
        ],
      });
    }
  });
});
