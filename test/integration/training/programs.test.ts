import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, must } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 11, end to end, on a team built by hand (D92: lead E9200, sales E9201–E9206), all at
 * level 2 of key-account follow-up where their position requires 3. HR schedules the key-account
 * course (exam 0–100, pass 60) for three places; the lead enrols two, HR one. E9201 and E9202 attend,
 * E9203 does not. Their exams raise their level; thirty days later the course's effect on deals
 * closed alone is read against E9204–E9206, who did not take it:
 *
 *   30 days before the session (10-11…11-09) and after it (11-11…12-10), deals closed alone:
 *     E9201 1 → 3 (+2)   E9202 0 → 2 (+2)                    trainees    average +2
 *     E9204 1 → 1 (0)    E9205 0 → 1 (+1)   E9206 0 → 0 (0)  comparison  average +1/3
 *   effect = 2 − 0.3333 = 1.6667
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const skill = 'key_account_followup';
const position = '销售 Sales';
let trainingId: string;
let sessionId: string;
let kpiId: string;
const customers: Record<string, string> = {};

const hr = () => token.E1041 as string;
const person = (id: string, managerId: string, title = position) => ({
  id,
  name: `Trainee ${'LABCDEF'[Number(id.slice(-1))]}`,
  nameLatin: `Trainee ${'LABCDEF'[Number(id.slice(-1))]}`,
  workEmail: `${id.toLowerCase()}@hongtu.example`,
  phone: '+86 138 0000 0000',
  departmentId: 'D92',
  position: title,
  managerId,
  hireDate: '2021-03-01',
  hireChannel: 'campus',
  site: '上海 Shanghai',
  timeZone: 'Asia/Shanghai',
});
const team = ['E9201', 'E9202', 'E9203', 'E9204', 'E9205', 'E9206'];
const session = (path = '') => `/v1/trainings/${trainingId}/sessions/${sessionId}${path}`;
const at = async (instant: string) => {
  stack.clock.set(instant);
  for (const who of Object.keys(token))
    token[who] = ['E9200', ...team].includes(who)
      ? await stack.account(who, who === 'E9200' ? ['employee', 'manager'] : ['employee'])
      : await stack.tokenFor(who);
};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1041', 'E1013']) token[who] = await stack.tokenFor(who);
  await must(
    api.post('/v1/departments', hr(), {
      id: 'D92',
      name: '培训实验组',
      nameEn: 'Training Lab',
      parentId: 'D02',
    }),
  );
  await must(api.post('/v1/employees', hr(), person('E9200', 'E1001', '销售经理 Sales Lead')));
  for (const id of team) await must(api.post('/v1/employees', hr(), person(id, 'E9200')));
  token.E9200 = await stack.account('E9200', ['employee', 'manager']);
  for (const id of team) token[id] = await stack.account(id, ['employee']);
  await must(
    api.post('/v1/skills', hr(), { id: skill, name: { 'zh-CN': '大客户跟进', en: 'Key-account follow-up' } }),
  );
  await must(
    api.put(
      `/v1/positions/${encodeURIComponent(position)}/skills`,
      hr(),
      { requirements: [{ skillId: skill, level: 3 }] },
      '"v0"',
    ),
  );
  for (const id of team)
    await must(
      api.post(`/v1/employees/${id}/skills/evidence`, token.E9200 as string, {
        skillId: skill,
        level: 2,
        source: 'manager_assessment',
        on: '2026-10-20',
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
  for (const id of team)
    customers[id] = String(
      (
        await must(
          api.post('/v1/customers', hr(), {
            name: `Customer of ${id}`,
            industry: 'retail',
            region: '华东 East China',
            tier: 'standard',
            ownerId: id,
          }),
        )
      ).id,
    );
});
afterAll(() => stack.stop());

const deal = (closedBy: string, closedAt: string) =>
  must(
    api.post(`/v1/customers/${customers[closedBy]}/deals`, hr(), {
      title: `Deal of ${closedBy} on ${closedAt}`,
      amount: { amountMinor: 500_000, currency: 'CNY' },
      status: 'won',
      closedAt,
      closedBy,
      assistedBy: [],
    }),
  );

describe('a program and its sessions', () => {
  it('is defined by HR over skills in the catalogue and a KPI that can be read before and after', async () => {
    const course = {
      name: { 'zh-CN': '大客户管理', en: 'Key-account management' },
      certifies: [{ skillId: skill, level: 3 }],
      exam: { maxScore: 100, passMark: 60 },
      targetKpiId: kpiId,
    };
    const unknown = await api.post('/v1/trainings', hr(), {
      ...course,
      certifies: [{ skillId: 'charm', level: 3 }],
    });
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.certifies.0.skillId' }]);
    const rated = await must(
      api.post('/v1/kpis', hr(), {
        name: { 'zh-CN': '评分', en: 'Rating' },
        source: { kind: 'review_rating' },
        baseline: 2,
        target: 4,
      }),
    );
    const unreadable = await api.post('/v1/trainings', hr(), { ...course, targetKpiId: rated.id });
    expect(unreadable.body.errors).toMatchObject([{ field: 'body.targetKpiId' }]);
    const badExam = await api.post('/v1/trainings', hr(), {
      ...course,
      exam: { maxScore: 50, passMark: 60 },
    });
    expect(badExam.body.errors).toMatchObject([{ field: 'body.exam.passMark' }]);
    expectProblem(await api.post('/v1/trainings', token.E9200 as string, course), 403);
    const created = await api.post('/v1/trainings', hr(), course);
    expect(created.status).toBe(201);
    trainingId = String(created.body.id);
    expect(created.body).toMatchObject({ selfEnrolment: false, certifies: [{ skillId: skill, level: 3 }] });
    const bySkill = await api.get(`/v1/trainings?skillId=${skill}`, token.E9201 as string);
    expect(bySkill.body.items?.map((t) => t.id)).toEqual([trainingId]);
    expect((await api.get('/v1/trainings?skillId=negotiation', token.E9201 as string)).body.items).toEqual(
      [],
    );
  });

  it('schedules a session in local time where it happens, ahead, with a trainer and places', async () => {
    const body = {
      startsAt: '2026-11-10T09:00',
      endsAt: '2026-11-10T17:00',
      place: '上海总部 3F',
      trainerId: 'E1013',
      capacity: 3,
    };
    const past = await api.post(`/v1/trainings/${trainingId}/sessions`, hr(), {
      ...body,
      startsAt: '2026-11-01T09:00',
    });
    expect(past.body.errors).toMatchObject([{ field: 'body.startsAt' }]);
    const nowhere = await api.post(`/v1/trainings/${trainingId}/sessions`, hr(), {
      ...body,
      place: undefined,
    });
    expect(nowhere.body.errors).toMatchObject([{ field: 'body.place' }]);
    const created = await api.post(`/v1/trainings/${trainingId}/sessions`, hr(), body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    sessionId = String(created.body.id);
    // 09:00 in Shanghai is 01:00 UTC; the day it ends there is the day of its certificates.
    expect(created.body).toMatchObject({
      startsAt: '2026-11-10T01:00:00.000Z',
      endsAt: '2026-11-10T09:00:00.000Z',
      endsOn: '2026-11-10',
      local: { startsAt: '2026-11-10T09:00', timeZone: 'Asia/Shanghai' },
      enrolled: 0,
    });
    const berlin = await must(
      api.post(`/v1/trainings/${trainingId}/sessions`, hr(), {
        ...body,
        startsAt: '2026-11-12T23:00',
        endsAt: '2026-11-13T01:00',
        timeZone: 'Europe/Berlin',
        place: undefined,
        link: 'https://meet.example/kam',
      }),
    );
    expect(berlin).toMatchObject({ startsAt: '2026-11-12T22:00:00.000Z', endsOn: '2026-11-13' });
  });

  it('is proposed for the gap it closes, with its sessions that have places', async () => {
    const mine = await api.get('/v1/employees/E9201/skills', token.E9201 as string);
    expect(mine.body.required).toMatchObject([
      {
        skillId: skill,
        gap: 1,
        programs: [{ trainingId, level: 3, nextSessions: [{ id: sessionId }, expect.anything()] }],
      },
    ]);
    const gaps = await api.get('/v1/departments/D92/skill-gaps', hr());
    expect(gaps.body.skills).toMatchObject([{ skillId: skill, lacking: 6, programs: [{ trainingId }] }]);
  });
});

describe('enrolment', () => {
  it('is by HR or the line (not oneself here), up to the places, and again changes nothing', async () => {
    expectProblem(
      await api.post(session('/enrolments'), token.E9203 as string, { employeeId: 'E9203' }),
      403,
    );
    expectProblem(
      await api.post(session('/enrolments'), token.E1013 as string, { employeeId: 'E9201' }),
      403,
    );
    for (const who of ['E9201', 'E9202'])
      expect(
        (await api.post(session('/enrolments'), token.E9200 as string, { employeeId: who })).status,
      ).toBe(201);
    expect((await api.post(session('/enrolments'), hr(), { employeeId: 'E9203' })).status).toBe(201);
    const again = await api.post(session('/enrolments'), hr(), { employeeId: 'E9203' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ employeeId: 'E9203', enrolledBy: 'E1041' });
    expectProblem(await api.post(session('/enrolments'), hr(), { employeeId: 'E9204' }), 409, 'session_full');
    expect((await api.get(session(), hr())).body).toMatchObject({ enrolled: 3, capacity: 3 });
    const told = await api.get('/v1/me/notifications?limit=100', token.E9201 as string);
    expect(
      (told.body.items as { kind: string; body: string }[]).filter((n) => n.kind === 'training.enrolled'),
    ).toEqual([expect.objectContaining({ body: expect.stringMatching(/2026-11-10 09:00.*上海总部 3F/) })]);
  });

  it('reminds the enrolled the day before, once', async () => {
    await at('2026-11-08T23:00:00Z'); // 07:00 on the 9th in Shanghai
    await stack.catchUp();
    await stack.catchUp();
    for (const who of ['E9201', 'E9203', 'E9204']) {
      const items = (
        (await api.get('/v1/me/notifications?limit=100', token[who] as string)).body.items as {
          kind: string;
        }[]
      ).filter((n) => n.kind === 'training.sessionTomorrow');
      expect(items, who).toHaveLength(who === 'E9204' ? 0 : 1);
    }
  });
});

describe('attendance, results and certificates', () => {
  it('open when the session starts, for HR and its trainer, over those enrolled', async () => {
    expectProblem(
      await api.post(session('/attendance'), token.E1013 as string, { present: ['E9201'] }),
      409,
      'session_not_started',
    );
    await at('2026-11-10T02:00:00Z');
    expectProblem(await api.post(session('/attendance'), token.E9200 as string, { present: ['E9201'] }), 403);
    const stranger = await api.post(session('/attendance'), token.E1013 as string, {
      present: ['E9201', 'E9205'],
    });
    expect(stranger.body.errors).toMatchObject([{ field: 'body.present.1' }]);
    expectProblem(
      await api.post(`/v1/trainings/${trainingId}/sessions/${sessionId}/enrolments`, hr(), {
        employeeId: 'E9204',
      }),
      409,
      'session_started',
    );
    const taken = await api.post(session('/attendance'), token.E1013 as string, {
      present: ['E9201', 'E9202'],
      absent: ['E9203'],
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    // With an exam, attending alone does not complete the program.
    expect(taken.body).toMatchObject({ certified: 0 });
  });

  it('take exam scores: passing completes the program, and its certificate closes the gap', async () => {
    const absent = await api.post(session('/results'), token.E1013 as string, {
      results: [{ employeeId: 'E9203', postScore: 90 }],
    });
    expect(absent.body.errors).toMatchObject([{ field: 'body.results.0.postScore' }]);
    const over = await api.post(session('/results'), token.E1013 as string, {
      results: [{ employeeId: 'E9201', postScore: 120 }],
    });
    expect(over.body.errors).toMatchObject([{ field: 'body.results.0.postScore' }]);
    const recorded = await api.post(session('/results'), token.E1013 as string, {
      results: [
        { employeeId: 'E9201', preScore: 40, postScore: 80 },
        { employeeId: 'E9202', preScore: 50, postScore: 55 },
      ],
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({
      certified: 1,
      enrolments: [
        { employeeId: 'E9201', completed: true },
        { employeeId: 'E9202', completed: false },
      ],
    });
    const e9201 = await api.get('/v1/employees/E9201/skills', token.E9201 as string);
    expect(e9201.body.required).toMatchObject([
      {
        skillId: skill,
        evidenced: 3,
        gap: 0,
        basis: {
          source: 'training_certificate',
          on: '2026-11-10',
          reference: `training:${trainingId}:${sessionId}`,
        },
      },
    ]);
    expect((await api.get('/v1/employees/E9202/skills', token.E9202 as string)).body.required).toMatchObject([
      { evidenced: 2, gap: 1 },
    ]);
  });

  it('are corrected by recording again, and the certificate follows, once', async () => {
    const corrected = await api.post(session('/results'), hr(), {
      results: [{ employeeId: 'E9202', postScore: 65 }],
    });
    expect(corrected.body).toMatchObject({
      certified: 1,
      enrolments: [{ employeeId: 'E9202', preScore: 50, completed: true }],
    });
    const again = await api.post(session('/results'), hr(), {
      results: [{ employeeId: 'E9202', postScore: 65 }],
    });
    expect(again.body).toMatchObject({ certified: 0 });
    const evidence = (await api.get('/v1/employees/E9202/skills', token.E9202 as string)).body.evidence as {
      source: string;
    }[];
    expect(evidence.filter((e) => e.source === 'training_certificate')).toHaveLength(1);
    const gaps = await api.get('/v1/departments/D92/skill-gaps', hr());
    expect(gaps.body.skills).toMatchObject([{ skillId: skill, lacking: 4, required: 6 }]);
  });

  it('are rated by those who attended', async () => {
    expect((await api.post(session('/reaction'), token.E9201 as string, { rating: 5 })).status).toBe(200);
    expect((await api.post(session('/reaction'), token.E9202 as string, { rating: 3 })).status).toBe(200);
    expect(
      (await api.post(session('/reaction'), token.E9202 as string, { rating: 4, comment: '实用' })).status,
    ).toBe(200);
    expectProblem(await api.post(session('/reaction'), token.E9203 as string, { rating: 1 }), 403);
  });

  it('show on the person’s record, for them, their line and HR', async () => {
    const mine = await api.get('/v1/employees/E9201/trainings', token.E9201 as string);
    expect(mine.body.items).toMatchObject([
      { trainingId, sessionId, attendance: 'present', completed: true },
    ]);
    expect((await api.get('/v1/employees/E9201/trainings', token.E9200 as string)).status).toBe(200);
    expectProblem(await api.get('/v1/employees/E9201/trainings', token.E9205 as string), 404);
  });
});

describe('effectiveness', () => {
  it('compares the trainees’ change of the KPI with colleagues who did not take it', async () => {
    await at('2026-12-11T02:00:00Z');
    await deal('E9201', '2026-10-20');
    await deal('E9204', '2026-10-25');
    await deal('E9201', '2026-11-15');
    await deal('E9201', '2026-11-20');
    await deal('E9201', '2026-12-01');
    await deal('E9202', '2026-11-18');
    await deal('E9202', '2026-12-05');
    await deal('E9204', '2026-11-25');
    await deal('E9205', '2026-12-02');
    // Outside both windows: counted by neither.
    await deal('E9206', '2026-12-11');
    await deal('E9206', '2026-10-01');
    expectProblem(await api.get(`/v1/trainings/${trainingId}/effectiveness`, token.E9200 as string), 403);
    const seen = await api.get(`/v1/trainings/${trainingId}/effectiveness`, hr());
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body).toMatchObject({
      enrolled: 3,
      attended: 2,
      completed: 2,
      reaction: { responses: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] },
      learning: { compared: 2, averagePre: 45, averagePost: 72.5, averageGain: 27.5, examined: 2, passed: 2 },
    });
    const behaviour = seen.body.behaviour as {
      horizons: { days: number; reached: boolean; effect?: number; people: Record<string, unknown>[] }[];
    };
    const thirty = behaviour.horizons[0];
    expect(thirty).toMatchObject({
      days: 30,
      reached: true,
      trainees: { people: 2, averageChange: 2 },
      comparison: { people: 3, averageChange: 0.3333 },
      effect: 1.6667,
    });
    // E9203 enrolled and missed it: neither trainee nor comparison.
    expect(thirty?.people.map((p) => `${p.employeeId}:${p.group}:${p.change}`).sort()).toEqual([
      'E9201:trainee:2',
      'E9202:trainee:2',
      'E9204:comparison:0',
      'E9205:comparison:1',
      'E9206:comparison:0',
    ]);
    expect(thirty?.people.find((p) => p.employeeId === 'E9201')).toMatchObject({
      window: {
        before: { from: '2026-10-11', to: '2026-11-09' },
        after: { from: '2026-11-11', to: '2026-12-10' },
      },
      before: 1,
      after: 3,
    });
    expect(behaviour.horizons.slice(1).map((h) => h.reached)).toEqual([false, false]);
    // Read again, the same numbers.
    expect((await api.get(`/v1/trainings/${trainingId}/effectiveness`, hr())).body).toEqual(seen.body);
  });
});

describe('training completion as a KPI', () => {
  it('is the share of someone’s sessions ending in the window they completed, computed in a review cycle', async () => {
    const name = { 'zh-CN': '培训完成率', en: 'Training completion' };
    const kpi = await must(
      api.post('/v1/kpis', hr(), { name, source: { kind: 'training_completion' }, baseline: 0, target: 1 }),
    );
    const template = await must(
      api.post('/v1/review-templates', hr(), { name, kpis: [{ kpiId: kpi.id, weight: 100 }] }),
    );
    const cycle = await must(
      api.post('/v1/review-cycles', hr(), {
        name,
        period: { start: '2026-11-01', end: '2026-11-30' },
        templateIds: [template.id],
        participants: { departments: [{ id: 'D92' }] },
        ratingsDue: { self: '2026-12-20', peer: '2026-12-20', manager: '2026-12-20' },
      }),
    );
    await must(api.post(`/v1/review-cycles/${cycle.id}/computation`, hr(), undefined));
    await stack.catchUp();
    const result = async (id: string) =>
      (await api.get(`/v1/review-cycles/${cycle.id}/reviews/${id}`, hr())).body.result as {
        score?: number;
        kpis: { actual?: number; records: Record<string, unknown>[] }[];
      };
    const completed = await result('E9201');
    expect(completed.kpis[0]).toMatchObject({
      actual: 1,
      records: [{ kind: 'training', id: trainingId, sessionId, endedOn: '2026-11-10', counted: true }],
    });
    expect(completed.score).toBe(100);
    // Enrolled and absent: 0 of 1.
    expect((await result('E9203')).kpis[0]).toMatchObject({ actual: 0, records: [{ counted: false }] });
    // Never enrolled: the KPI does not apply.
    expect((await result('E9204')).kpis[0]?.actual).toBeUndefined();
  });
});
