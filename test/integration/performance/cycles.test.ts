import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * A review cycle for the sales department: opened by HR on the sales template, each person rated by
 * themselves, their manager and their teammates until each kind's deadline. Wang Fang (E1002) leads
 * E1003–E1012; peers' ratings are shown only as an average over three or more, and never one by one.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let cycleId: string;
const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const rated = (teamwork: number, independent: number, follow: number) => ({
  competencies: { teamwork, independent_work: independent },
  kpis: { [followUpKpi]: follow },
});
let followUpKpi: string;
let templateId: string;
const people = [
  'E1001',
  'E1002',
  'E1003',
  'E1004',
  'E1005',
  'E1006',
  'E1007',
  'E1008',
  'E1012',
  'E1013',
  'E1041',
];

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of people) token[who] = await stack.tokenFor(who);
  const hr = token.E1041 as string;
  const alone = await api.post('/v1/kpis', hr, {
    name: name('独立成交订单', 'Deals closed alone'),
    source: { kind: 'deals_closed_alone' },
    baseline: 0,
    target: 6,
  });
  const followUp = await api.post('/v1/kpis', hr, {
    name: name('大客户跟进', 'Key-account follow-up'),
    source: { kind: 'review_rating' },
    baseline: 2,
    target: 5,
  });
  followUpKpi = String(followUp.body.id);
  const template = await api.post('/v1/review-templates', hr, {
    name: name('销售考核', 'Sales review'),
    appliesTo: { positionWords: ['销售'] },
    kpis: [
      { kpiId: alone.body.id, weight: 40 },
      { kpiId: followUpKpi, weight: 30 },
    ],
    competencies: [
      { key: 'teamwork', name: name('团队合作', 'Teamwork'), weight: 15 },
      { key: 'independent_work', name: name('独立工作', 'Independent work'), weight: 15 },
    ],
  });
  expect(template.status, JSON.stringify(template.body)).toBe(201);
  templateId = String(template.body.id);
});
afterAll(() => stack.stop());

const cycle = (overrides: Record<string, unknown> = {}) => ({
  name: name('2026 年第四季度', '2026 Q4'),
  period: { start: '2026-10-01', end: '2026-12-31' },
  templateIds: [templateId],
  participants: { departments: [{ id: 'D02', includeSubdepartments: false }] },
  ratingsDue: { self: '2026-11-06', peer: '2026-11-09', manager: '2026-11-10' },
  ...overrides,
});
const reviewOf = (who: string, reviewee: string) =>
  api.get(`/v1/review-cycles/${cycleId}/reviews/${reviewee}`, token[who] as string);
const rate = (who: string, reviewee: string, body: unknown) =>
  api.post(`/v1/review-cycles/${cycleId}/reviews/${reviewee}/ratings`, token[who] as string, body);

describe('opening a cycle', () => {
  it('refuses participants no template applies to, naming the field, and opens nothing', async () => {
    const hrToo = await api.post(
      '/v1/review-cycles',
      token.E1041 as string,
      cycle({ participants: { employeeIds: ['E1003', 'E1040'] } }),
    );
    expectProblem(hrToo, 400, 'no_template_applies');
    expect(hrToo.body.errors).toEqual([
      { field: 'body.templateIds', message: 'No template applies to E1040' },
    ]);
    const early = await api.post(
      '/v1/review-cycles',
      token.E1041 as string,
      cycle({ ratingsDue: { self: '2026-09-01', peer: '2026-11-09', manager: '2026-11-10' } }),
    );
    expect(early.body.errors).toMatchObject([{ field: 'body.ratingsDue.self' }]);
    expectProblem(await api.post('/v1/review-cycles', token.E1002 as string, cycle()), 403);
    expect((await api.get('/v1/review-cycles', token.E1041 as string)).body.items).toEqual([]);
  });

  it('freezes the template version and the participants with their managers and teammates', async () => {
    const opened = await api.post('/v1/review-cycles', token.E1041 as string, cycle());
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    cycleId = String(opened.body.id);
    expect(opened.body).toMatchObject({
      status: 'open',
      participants: 12,
      templates: [{ id: templateId, version: 1 }],
    });
    // A later version of the template does not reach the cycle.
    const current = await api.get(`/v1/review-templates/${templateId}`, token.E1041 as string);
    const { id: _id, version: _v, createdAt: _c, updatedBy: _u, updatedAt: _a, ...input } = current.body;
    const revised = await api.put(
      `/v1/review-templates/${templateId}`,
      token.E1041 as string,
      { ...input, name: name('销售考核二版', 'Sales review 2') },
      '"v1"',
    );
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect((await api.get(`/v1/review-cycles/${cycleId}`, token.E1003 as string)).body).toMatchObject({
      templates: [{ version: 1, name: { en: 'Sales review' } }],
    });
  });
});

describe('who sees which reviews', () => {
  const seen = async (who: string) =>
    Object.fromEntries(
      (await readAllPages(api, `/v1/review-cycles/${cycleId}/reviews`, token[who] as string, 5)).items.map(
        (r) => [r.id, r.you],
      ),
    );

  it('gives HR all, the line its own, a member themselves and the teammates they rate', async () => {
    expect(Object.keys(await seen('E1041'))).toHaveLength(12);
    const lead = await seen('E1002');
    expect(lead.E1002).toBe('self');
    expect(Object.entries(lead).filter(([, you]) => you === 'manager')).toHaveLength(10);
    expect(lead.E1001).toBeUndefined();
    const director = await seen('E1001');
    expect(director).toMatchObject({ E1001: 'self', E1002: 'manager', E1003: 'line', E1012: 'line' });
    const member = await seen('E1003');
    expect(member.E1003).toBe('self');
    expect(Object.values(member).filter((you) => you === 'peer')).toHaveLength(9);
    expect(await seen('E1013')).toEqual({});
    expectProblem(await reviewOf('E1013', 'E1003'), 404);
    // The reviewee is not told who rates them; their manager is.
    expect((await reviewOf('E1003', 'E1003')).body.peers).toBeUndefined();
    expect((await reviewOf('E1002', 'E1003')).body.peers).toEqual([
      'E1004',
      'E1005',
      'E1006',
      'E1007',
      'E1008',
      'E1009',
      'E1010',
      'E1011',
    ]);
  });
});

describe('ratings', () => {
  it('take every competency and rated KPI of the template, naming what is missing or foreign', async () => {
    const missing = await rate('E1003', 'E1003', {
      competencies: { teamwork: 4 },
      kpis: { [followUpKpi]: 3 },
    });
    expectProblem(missing, 400);
    expect(missing.body.errors).toEqual([
      { field: 'body.competencies.independent_work', message: 'Required: rate it 1–5' },
    ]);
    const foreign = await rate('E1003', 'E1003', {
      ...rated(4, 4, 3),
      competencies: { teamwork: 4, independent_work: 4, charm: 5 },
    });
    expect(foreign.body.errors).toMatchObject([{ field: 'body.competencies.charm' }]);
    const outOfScale = await rate('E1003', 'E1003', rated(6, 4, 3));
    expect(outOfScale.body.errors).toMatchObject([{ field: 'body.competencies.teamwork' }]);
    expectProblem(await rate('E1013', 'E1003', rated(3, 3, 3)), 404);
    expect((await reviewOf('E1041', 'E1003')).body.ratings).toEqual({ peers: { raters: 0 } });
  });

  it('keep each rater’s own, replaced by a new submission before the deadline', async () => {
    const first = await rate('E1003', 'E1003', rated(4, 3, 3));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ relation: 'self', version: 1 });
    const again = await rate('E1003', 'E1003', { ...rated(4, 4, 3), comment: '独立签了三个小客户' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, competencies: { independent_work: 4 } });
    expect((await rate('E1002', 'E1003', rated(4, 4, 4))).body).toMatchObject({ relation: 'manager' });
  });

  it('show peers only as an average over three or more, to the line and HR; never one by one', async () => {
    await rate('E1004', 'E1003', rated(5, 4, 4));
    await rate('E1005', 'E1003', rated(3, 4, 2));
    const two = await reviewOf('E1002', 'E1003');
    expect(two.body.ratings).toMatchObject({ peers: { raters: 2 } });
    expect((two.body.ratings as { peers: object }).peers).not.toHaveProperty('competencies');
    await rate('E1006', 'E1003', rated(4, 5, 3));
    for (const who of ['E1002', 'E1041']) {
      const three = await reviewOf(who, 'E1003');
      expect(three.body.ratings).toMatchObject({
        self: { raterId: 'E1003', version: 2 },
        manager: { raterId: 'E1002' },
        peers: {
          raters: 3,
          competencies: { teamwork: 4, independent_work: 4.33 },
          kpis: { [followUpKpi]: 3 },
        },
      });
      // Nothing in the view says which peer gave what.
      expect(JSON.stringify(three.body.ratings)).not.toMatch(/E1004|E1005|E1006/);
    }
    // A peer sees their own rating, not the others'; the reviewee sees their own until results are released.
    const peer = await reviewOf('E1004', 'E1003');
    expect(peer.body.ratings).toEqual({
      peers: { raters: 3 },
      yours: expect.objectContaining({ raterId: 'E1004' }),
    });
    const reviewee = await reviewOf('E1003', 'E1003');
    expect(reviewee.body.ratings).toMatchObject({ self: { raterId: 'E1003' }, peers: { raters: 3 } });
    expect(reviewee.body.ratings).not.toHaveProperty('manager');
    expect((reviewee.body.ratings as { peers: object }).peers).not.toHaveProperty('competencies');
  });

  it('remind whoever still owes them the day before their deadline, once a day', async () => {
    // Thursday 2026-11-05, 07:00 in Shanghai: the self-ratings are due tomorrow.
    stack.clock.set('2026-11-04T23:00:00Z');
    await stack.catchUp();
    await stack.catchUp();
    for (const who of people) token[who] = await stack.tokenFor(who);
    const reminders = async (who: string) =>
      (
        ((await api.get('/v1/me/notifications?limit=100', token[who] as string)).body.items ?? []) as {
          kind: string;
          body: string;
        }[]
      ).filter((n) => n.kind === 'review.ratingsDue');
    const owed = await reminders('E1012');
    expect(owed).toHaveLength(1);
    expect(owed[0]?.body).toMatch(/2026-11-06.*自评/);
    // E1003 rated himself; Wang Fang owes her own, not yet her team's (managers have until the 10th).
    expect(await reminders('E1003')).toEqual([]);
    expect((await reminders('E1002')).map((n) => n.body)).toEqual([expect.stringMatching(/自评 self.*王芳/)]);
  });

  it('close at the end of each kind’s day in the company’s time zone', async () => {
    // 2026-11-06 23:59 in Shanghai: the self-rating is still open.
    const at = async (instant: string) => {
      stack.clock.set(instant);
      for (const who of people) token[who] = await stack.tokenFor(who);
    };
    await at('2026-11-06T15:59:00Z');
    expect((await rate('E1012', 'E1012', rated(3, 3, 3))).status).toBe(201);
    await at('2026-11-06T16:00:00Z');
    expectProblem(await rate('E1003', 'E1003', rated(5, 5, 5)), 409, 'ratings_closed');
    // Peers and the manager have until the 9th and the 10th.
    expect((await rate('E1007', 'E1003', rated(4, 4, 4))).status).toBe(201);
    await at('2026-11-09T16:00:00Z');
    expectProblem(await rate('E1008', 'E1003', rated(4, 4, 4)), 409, 'ratings_closed');
    expect((await rate('E1002', 'E1004', rated(4, 4, 4))).status).toBe(201);
  });
});
