import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, must, readWholeCase } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 12's readiness, on people built by hand: the sales director E9300 holds three key
 * accounts; E9301, a supervisor since 2026-06-01, is her candidate. The key position asks for the
 * director's skill levels, the key-account course, two of her key accounts met together with her and
 * six months in role. Readiness moves as the records do:
 *   11-02  not yet: no evidence of the skill, not enrolled in the course
 *   11-02  ready in about 6 months: level 2 from an exam (2 levels in a year), enrolled in the course
 *          ending 11-20, one key account met together (one in six months), five months in role
 *   12-05  ready now: the course certified level 3, a second account met together, six months in role
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const skill = 'key_account_followup';
const director = '销售总监 Sales Director';
const accounts: string[] = [];
let keyPositionId: string;
let trainingId: string;
let sessionId: string;

const hr = () => token.E1041 as string;
const person = (id: string, name: string, position: string, managerId: string, hireDate: string) => ({
  id,
  name,
  nameLatin: name,
  workEmail: `${id.toLowerCase()}@hongtu.example`,
  phone: '+86 138 0000 0000',
  departmentId: 'D93',
  position,
  managerId,
  hireDate,
  hireChannel: 'campus',
  site: '上海 Shanghai',
  timeZone: 'Asia/Shanghai',
});
const together = (customer: string, at: string) =>
  must(
    api.post(`/v1/customers/${customer}/interactions`, hr(), {
      kind: 'visit',
      at,
      note: 'Quarterly review with the buyer',
      employeeId: 'E9300',
      participants: ['E9301'],
    }),
  );
const candidates = async () => {
  const r = await api.get(`/v1/key-positions/${keyPositionId}/candidates`, hr());
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.candidates as {
    employeeId: string;
    readiness: {
      status: string;
      months?: number;
      label: { en: string };
      because: string[];
      criteria: { key: string; met: boolean; projectedMonths?: number; reason: { en: string } }[];
    };
  }[];
};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  token.E1041 = await stack.tokenFor('E1041');
  token.E1013 = await stack.tokenFor('E1013');
  await must(
    api.post('/v1/departments', hr(), {
      id: 'D93',
      name: '继任实验组',
      nameEn: 'Succession Lab',
      parentId: 'D02',
    }),
  );
  await must(
    api.post('/v1/employees', hr(), person('E9300', 'Director Zhou', director, 'E1001', '2015-04-01')),
  );
  await must(
    api.post(
      '/v1/employees',
      hr(),
      person('E9301', 'Zhang San', '销售主管 Sales Supervisor', 'E9300', '2026-06-01'),
    ),
  );
  await must(
    api.post(
      '/v1/employees',
      hr(),
      person('E9302', 'Li Si', '销售主管 Sales Supervisor', 'E9300', '2024-01-01'),
    ),
  );
  await must(
    api.post('/v1/skills', hr(), { id: skill, name: { 'zh-CN': '大客户跟进', en: 'Key-account follow-up' } }),
  );
  await must(
    api.put(
      `/v1/positions/${encodeURIComponent(director)}/skills`,
      hr(),
      { requirements: [{ skillId: skill, level: 3 }] },
      '"v0"',
    ),
  );
  for (const n of [1, 2, 3])
    accounts.push(
      String(
        (
          await must(
            api.post('/v1/customers', hr(), {
              name: `Key account ${n}`,
              industry: 'retail',
              region: '华东 East China',
              tier: 'key',
              ownerId: 'E9300',
            }),
          )
        ).id,
      ),
    );
  const course = await must(
    api.post('/v1/trainings', hr(), {
      name: { 'zh-CN': '大客户管理', en: 'Key-account management' },
      certifies: [{ skillId: skill, level: 3 }],
    }),
  );
  trainingId = String(course.id);
  sessionId = String(
    (
      await must(
        api.post(`/v1/trainings/${trainingId}/sessions`, hr(), {
          startsAt: '2026-11-20T09:00',
          endsAt: '2026-11-20T17:00',
          place: '上海总部 5F',
          trainerName: 'Outside trainer',
          capacity: 10,
        }),
      )
    ).id,
  );
});
afterAll(() => stack.stop());

describe('a key position', () => {
  it('is flagged by HR with its incumbent and what a successor must show', async () => {
    const body = {
      position: director,
      departmentId: 'D93',
      incumbentId: 'E9300',
      criteria: { minimumScore: 0, requiredTrainings: [trainingId], sharedKeyAccounts: 2, monthsInRole: 6 },
      reason: 'Holds the three largest accounts',
    };
    expectProblem(await api.post('/v1/key-positions', token.E1013 as string, body), 403);
    const nobody = await api.post('/v1/key-positions', hr(), { ...body, incumbentId: 'E9399' });
    expect(nobody.body.errors).toMatchObject([{ field: 'body.incumbentId' }]);
    const flagged = await api.post('/v1/key-positions', hr(), body);
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(201);
    keyPositionId = String(flagged.body.id);
    expect((await api.get('/v1/key-positions', hr())).body.items?.map((k) => k.id)).toEqual([keyPositionId]);
    expectProblem(await api.get(`/v1/key-positions/${keyPositionId}`, token.E1013 as string), 403);
  });

  it('takes candidates, never its incumbent; again changes nothing', async () => {
    expectProblem(
      await api.post(`/v1/key-positions/${keyPositionId}/candidates`, hr(), { employeeId: 'E9300' }),
      409,
      'candidate_is_incumbent',
    );
    const first = await api.post(`/v1/key-positions/${keyPositionId}/candidates`, hr(), {
      employeeId: 'E9301',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ inRoleSince: '2026-06-01', plan: [], version: 1 });
    expect(
      (await api.post(`/v1/key-positions/${keyPositionId}/candidates`, hr(), { employeeId: 'E9301' })).status,
    ).toBe(200);
    expect(
      (await api.post(`/v1/key-positions/${keyPositionId}/candidates`, hr(), { employeeId: 'E9302' })).status,
    ).toBe(201);
  });
});

describe('readiness', () => {
  it('is not yet while a criterion does not move, with the reasons', async () => {
    const zhang = (await candidates()).find((c) => c.employeeId === 'E9301');
    expect(zhang?.readiness).toMatchObject({ status: 'not_yet', label: { en: 'not yet' } });
    expect(zhang?.readiness.because.sort()).toEqual(['shared_key_accounts', 'skills', 'trainings']);
    expect(zhang?.readiness.criteria.find((c) => c.key === 'trainings')?.reason.en).toMatch(/not enrolled/);
    expect(zhang?.readiness.criteria.find((c) => c.key === 'time_in_role')).toMatchObject({
      met: false,
      projectedMonths: 1,
      reason: { en: '5 months in role (since 2026-06-01), 6 required' },
    });
  });

  it('is ready in about the months its slowest criterion needs, once each moves', async () => {
    await must(
      api.post('/v1/employees/E9301/skills/evidence', hr(), {
        skillId: skill,
        level: 2,
        source: 'exam',
        on: '2026-10-01',
      }),
    );
    await must(
      api.post(`/v1/trainings/${trainingId}/sessions/${sessionId}/enrolments`, hr(), { employeeId: 'E9301' }),
    );
    await together(accounts[0] as string, '2026-10-15T10:00:00+08:00');
    const [first, second] = await candidates();
    expect(first?.employeeId).toBe('E9301');
    expect(first?.readiness).toMatchObject({
      status: 'ready_in_months',
      months: 6,
      label: { en: 'ready in about 6 months' },
    });
    expect(first?.readiness.because.sort()).toEqual(['shared_key_accounts', 'skills']);
    expect(first?.readiness.criteria.find((c) => c.key === 'trainings')).toMatchObject({
      met: false,
      projectedMonths: 1,
    });
    // Li Si has been in role for years but has nothing else: not yet.
    expect(second).toMatchObject({ employeeId: 'E9302', readiness: { status: 'not_yet' } });
  });

  it('is ready now when the records meet every criterion', async () => {
    stack.clock.set('2026-11-20T10:00:00Z');
    token.E1041 = await stack.tokenFor('E1041');
    await must(
      api.post(`/v1/trainings/${trainingId}/sessions/${sessionId}/attendance`, hr(), { present: ['E9301'] }),
    );
    await together(accounts[1] as string, '2026-11-20T16:00:00+08:00');
    stack.clock.set('2026-12-05T02:00:00Z');
    token.E1041 = await stack.tokenFor('E1041');
    const zhang = (await candidates())[0];
    expect(zhang).toMatchObject({
      employeeId: 'E9301',
      readiness: { status: 'ready_now', label: { en: 'ready now' } },
    });
    expect(zhang?.readiness.criteria.every((c) => c.met)).toBe(true);
  });
});

describe('the 9-box and the report', () => {
  it('takes the potential from the candidate’s management chain, not from others', async () => {
    token.E1013 = await stack.tokenFor('E1013');
    const path = `/v1/key-positions/${keyPositionId}/candidates/E9301/potential`;
    expectProblem(await api.post(path, token.E1013 as string, { rating: 3 }), 404);
    const bad = await api.post(path, hr(), { rating: 4 });
    expect(bad.body.errors).toMatchObject([{ field: 'body.rating' }]);
    const above = await stack.tokenFor('E1001');
    const rated = await api.post(path, above, { rating: 3 });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toMatchObject({ potential: { rating: 3, by: 'E1001' } });
    const zhang = (await candidates())[0] as unknown as { nineBox: Record<string, unknown> };
    // No released score yet: the performance axis is empty, so no box.
    expect(zhang.nineBox).toEqual({ potential: 'high' });
  });

  it('says, company-wide and per position, who is ready with the seed’s line and what coverage is', async () => {
    const report = await api.get('/v1/succession/report', hr());
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    // One ready now, but only one successor in sight (Li Si is not yet): not covered.
    expect(report.body.coverage).toEqual({
      keyPositions: 1,
      withReadyNow: 1,
      withTwoSuccessors: 0,
      covered: 0,
      share: 0,
    });
    const [position] = report.body.positions as {
      covered: boolean;
      candidates: { employeeId: string; line: { en: string; 'zh-CN': string } }[];
    }[];
    expect(position?.covered).toBe(false);
    expect(position?.candidates.map((c) => c.employeeId)).toEqual(['E9301', 'E9302']);
    expect(position?.candidates[0]?.line).toEqual({
      'zh-CN': 'Zhang San，销售主管 Sales Supervisor，已完成 大客户管理，现在可接任',
      en: 'Zhang San, 销售主管 Sales Supervisor, completed Key-account management, ready now',
    });
    const one = await api.get(`/v1/succession/report?keyPositionId=${keyPositionId}`, hr());
    expect(one.body.positions).toEqual(report.body.positions);
    const page = await stack.request('/v1/succession/report?format=html', { token: hr() });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('继任报告 Succession report');
    expect(html).toContain(
      'Zhang San, 销售主管 Sales Supervisor, completed Key-account management, ready now',
    );
    expect(html).toMatch(/1 key position\(s\): 1 with a successor ready now/);
    expectProblem(await api.get('/v1/succession/report', token.E1013 as string), 403);
  });
});

describe('a resignation of the holder', () => {
  it('tells HR at once with the candidates who are ready, and the handover offers them for the accounts they know', async () => {
    const director = await stack.account('E9300', ['employee', 'manager']);
    const resigned = await api.post('/v1/employees/E9300/resignation', director, {
      lastWorkingDay: '2026-12-31',
      reason: 'Moving on',
    });
    expect(resigned.status, JSON.stringify(resigned.body)).toBe(201);
    await stack.catchUp();
    await stack.catchUp();
    const inbox = await api.get('/v1/me/notifications?inbox=hr&limit=100', hr());
    const told = (inbox.body.items as { kind: string; body: string }[]).filter(
      (n) => n.kind === 'succession.holderResigned',
    );
    expect(told, JSON.stringify(told)).toHaveLength(1);
    expect(told[0]?.body).toMatch(/Zhang San \(ready now\)/);
    expect(told[0]?.body).not.toMatch(/Li Si/);
    const handover = await readWholeCase(api, String(resigned.body.id), hr());
    const items = (
      handover.items as {
        customers: {
          id: string;
          suggestedSuccessors?: { employeeId: string; successionCandidate?: { status: string } }[];
        }[];
      }
    ).customers;
    // He met the first two accounts with her, not the third.
    for (const [n, knows] of [
      [0, true],
      [1, true],
      [2, false],
    ] as const) {
      const offered = items
        .find((i) => i.id === accounts[n])
        ?.suggestedSuccessors?.find((s) => s.employeeId === 'E9301');
      expect(offered?.successionCandidate, `account ${n}`).toEqual(
        knows
          ? { keyPositionId, status: 'ready_now', label: { 'zh-CN': '现在可接任', en: 'ready now' } }
          : undefined,
      );
    }
  });
});

describe('a development plan', () => {
  it('is set as a whole by HR, each step with an owner who is an employee', async () => {
    const path = `/v1/key-positions/${keyPositionId}/plans`;
    const step = {
      kind: 'rotation',
      description: 'Three months on the northern key accounts',
      ownerId: 'E9300',
      due: '2027-03-31',
    };
    const bad = await api.post(path, hr(), { employeeId: 'E9302', items: [{ ...step, ownerId: 'E9399' }] });
    expect(bad.body.errors).toMatchObject([{ field: 'body.items.0.ownerId' }]);
    const set = await api.post(path, hr(), {
      employeeId: 'E9302',
      items: [
        step,
        { kind: 'training', description: 'Key-account management', ownerId: 'E1041', due: '2027-01-31' },
      ],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      version: 2,
      plan: [{ kind: 'rotation', status: 'planned' }, { kind: 'training' }],
    });
    expectProblem(await api.post(path, hr(), { employeeId: 'E9303', items: [] }), 404);
  });
});

describe('suggested key positions', () => {
  it('name the people the daily risk snapshot alerts on who hold no key position yet', async () => {
    const suggested = await api.get('/v1/succession/suggestions', hr());
    expect(suggested.status, JSON.stringify(suggested.body)).toBe(200);
    const rows = suggested.body.suggestions as {
      employeeId: string;
      alerts: { kind: string }[];
      asOf: string;
    }[];
    // Wang Fang alone knows most of her team's revenue (the demo's scenario 8).
    const wangFang = rows.find((r) => r.employeeId === 'E1002');
    expect(wangFang?.alerts.map((a) => a.kind)).toContain('alone_revenue');
    // The 06:00 run assesses the day that ended.
    expect(wangFang?.asOf).toBe('2026-12-04');
    // The director holds a key position already.
    expect(rows.map((r) => r.employeeId)).not.toContain('E9300');
    expectProblem(await api.get('/v1/succession/suggestions', token.E1013 as string), 403);
  });
});
