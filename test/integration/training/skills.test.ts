import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 11's start: key-account follow-up at level 3 is required of sales representatives. In Han
 * Meimei's team (D08: E1014–E1019, led by E1013) her assessments and HR's exams evidence each person's
 * level; the team's gaps say how many lack it, and a gap closes when an exam raises the level.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const skill = 'key_account_followup';
const rep = encodeURIComponent('销售 Sales Representative');
const evidence = (who: string, of: string, body: Record<string, unknown>) =>
  api.post(`/v1/employees/${of}/skills/evidence`, token[who] as string, { skillId: skill, ...body });

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1003', 'E1013', 'E1014', 'E1015', 'E1041']) token[who] = await stack.tokenFor(who);
});
afterAll(() => stack.stop());

describe('the skill catalogue and what positions require', () => {
  it('is kept by HR: a skill with its names and levels, each id once', async () => {
    const body = {
      id: skill,
      name: { 'zh-CN': '大客户跟进', en: 'Key-account follow-up' },
      levels: [1, 2, 3, 4, 5].map((n) => ({ 'zh-CN': `${n} 级`, en: `Level ${n}` })),
    };
    expect((await api.post('/v1/skills', token.E1041 as string, body)).status).toBe(201);
    expectProblem(await api.post('/v1/skills', token.E1041 as string, body), 409, 'skill_exists');
    expectProblem(await api.post('/v1/skills', token.E1013 as string, { ...body, id: 'negotiation' }), 403);
    const bad = await api.post('/v1/skills', token.E1041 as string, { ...body, id: 'Key Accounts' });
    expect(bad.body.errors).toMatchObject([{ field: 'body.id' }]);
    expect((await api.get('/v1/skills', token.E1014 as string)).body.items?.map((s) => s.id)).toEqual([
      skill,
    ]);
  });

  it('sets the levels a position requires, refusing skills not in the catalogue', async () => {
    const unknown = await api.put(
      `/v1/positions/${rep}/skills`,
      token.E1041 as string,
      {
        requirements: [{ skillId: 'charm', level: 2 }],
      },
      '"v0"',
    );
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.requirements.0.skillId' }]);
    const set = await api.put(
      `/v1/positions/${rep}/skills`,
      token.E1041 as string,
      {
        requirements: [{ skillId: skill, level: 3 }],
      },
      '"v0"',
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ position: '销售 Sales Representative', version: 1 });
    expect((await api.get(`/v1/positions/${rep}/skills`, token.E1014 as string)).body).toMatchObject({
      requirements: [{ skillId: skill, level: 3 }],
    });
  });
});

describe('evidence and gaps', () => {
  it('takes a manager’s assessment from the line and an exam from HR, of what was, not of what will be', async () => {
    for (const who of ['E1014', 'E1015', 'E1016'])
      expect(
        (await evidence('E1013', who, { level: 2, source: 'manager_assessment', on: '2026-10-20' })).status,
      ).toBe(201);
    expect(
      (await evidence('E1013', 'E1017', { level: 3, source: 'manager_assessment', on: '2026-10-20' })).status,
    ).toBe(201);
    expect(
      (
        await evidence('E1041', 'E1018', {
          level: 3,
          source: 'exam',
          on: '2026-10-21',
          reference: 'Exam 82/100',
        })
      ).status,
    ).toBe(201);
    expectProblem(await evidence('E1013', 'E1019', { level: 3, source: 'exam', on: '2026-10-21' }), 403);
    expectProblem(
      await evidence('E1015', 'E1014', { level: 5, source: 'manager_assessment', on: '2026-10-21' }),
      403,
    );
    expectProblem(
      await evidence('E1003', 'E1014', { level: 5, source: 'manager_assessment', on: '2026-10-21' }),
      403,
    );
    const future = await evidence('E1013', 'E1019', {
      level: 2,
      source: 'manager_assessment',
      on: '2026-12-01',
    });
    expect(future.body.errors).toMatchObject([{ field: 'body.on' }]);
  });

  it('shows a team how many lack the required level, and who', async () => {
    const gaps = await api.get('/v1/departments/D08/skill-gaps', token.E1013 as string);
    expect(gaps.status, JSON.stringify(gaps.body)).toBe(200);
    const [row] = gaps.body.skills as {
      lacking: number;
      required: number;
      summary: { en: string };
      people: { employeeId: string; gap: number }[];
    }[];
    expect(row).toMatchObject({
      level: 3,
      required: 6,
      lacking: 4,
      summary: { en: '4 of 6 lack Key-account follow-up at level 3' },
    });
    expect(row?.people.map((p) => [p.employeeId, p.gap])).toEqual([
      ['E1019', 3],
      ['E1014', 1],
      ['E1015', 1],
      ['E1016', 1],
      ['E1017', 0],
      ['E1018', 0],
    ]);
    expectProblem(await api.get('/v1/departments/D08/skill-gaps', token.E1003 as string), 404);
    expect((await api.get('/v1/departments/D08/skill-gaps', token.E1041 as string)).status).toBe(200);
  });

  it('closes a gap when a later exam raises the level; the latest evidence counts, the strongest of its day', async () => {
    expect(
      (
        await evidence('E1041', 'E1014', {
          level: 3,
          source: 'exam',
          on: '2026-10-30',
          reference: 'Exam 88/100',
        })
      ).status,
    ).toBe(201);
    const mine = await api.get('/v1/employees/E1014/skills', token.E1014 as string);
    expect(mine.body.required).toMatchObject([
      { skillId: skill, required: 3, evidenced: 3, gap: 0, basis: { source: 'exam', on: '2026-10-30' } },
    ]);
    expect((mine.body.evidence as unknown[]).length).toBe(2);
    // A later, weaker assessment is the level now; two the same day, the stronger.
    await evidence('E1013', 'E1015', { level: 4, source: 'manager_assessment', on: '2026-10-25' });
    await evidence('E1013', 'E1015', { level: 1, source: 'manager_assessment', on: '2026-10-31' });
    await evidence('E1013', 'E1015', { level: 2, source: 'manager_assessment', on: '2026-10-31' });
    const theirs = await api.get('/v1/employees/E1015/skills', token.E1013 as string);
    expect(theirs.body.required).toMatchObject([{ evidenced: 2, gap: 1 }]);
    const gaps = await api.get('/v1/departments/D08/skill-gaps', token.E1041 as string);
    expect((gaps.body.skills as { lacking: number }[])[0]?.lacking).toBe(3);
    expectProblem(await api.get('/v1/employees/E1014/skills', token.E1015 as string), 404);
  });
});

describe('ratings in a released review', () => {
  it('become evidence of the skill their competency names, once however often the release is told', async () => {
    const hr = token.E1041 as string;
    const must = async (r: Promise<{ status: number; body: Record<string, unknown> }>) => {
      const answer = await r;
      if (answer.status >= 300) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const template = await must(
      api.post('/v1/review-templates', hr, {
        name: { 'zh-CN': '大客户能力', en: 'Key accounts' },
        appliesTo: { departmentIds: ['D08'] },
        kpis: [],
        competencies: [
          {
            key: 'key_accounts',
            name: { 'zh-CN': '大客户跟进', en: 'Key-account follow-up' },
            weight: 100,
            skillId: skill,
          },
        ],
      }),
    );
    const cycle = await must(
      api.post('/v1/review-cycles', hr, {
        name: { 'zh-CN': '第三季度', en: 'Q3' },
        period: { start: '2026-07-01', end: '2026-09-30' },
        templateIds: [template.id],
        participants: { employeeIds: ['E1016', 'E1017'] },
        ratingsDue: { self: '2026-11-20', peer: '2026-11-20', manager: '2026-11-20' },
      }),
    );
    const path = `/v1/review-cycles/${cycle.id}`;
    await must(
      api.post(`${path}/reviews/E1016/ratings`, token.E1013 as string, { competencies: { key_accounts: 2 } }),
    );
    await must(api.post(`${path}/computation`, hr, undefined));
    await stack.catchUp();
    await must(api.post(`${path}/release`, hr, undefined));
    await stack.catchUp();
    await must(api.post(`${path}/release`, hr, undefined));
    await stack.catchUp();
    const theirs = await api.get('/v1/employees/E1016/skills', token.E1013 as string);
    const fromReview = (
      theirs.body.evidence as { source: string; reference?: string; level: number; on: string }[]
    ).filter((e) => e.source === 'review_rating');
    expect(fromReview).toEqual([
      expect.objectContaining({
        level: 2,
        on: '2026-09-30',
        reference: `review:${cycle.id}`,
        recordedBy: 'system',
      }),
    ]);
    // E1017 was not rated: nothing to evidence.
    const unrated = await api.get('/v1/employees/E1017/skills', token.E1013 as string);
    expect((unrated.body.evidence as { source: string }[]).map((e) => e.source)).toEqual([
      'manager_assessment',
    ]);
  });
});
