import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readWholeCase } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * A hand-built team whose answer is known (D90, headed by M E9000, who reports to Zhang Wei E1001):
 *   A (E9001) alone won the key account K (600,000) and the customer P (100,000); referred B and C; mentors B.
 *   B (E9002) won Q (200,000). C (E9003) won R (100,000) with A's help — C's only won deal.
 * Revenue 1,000,000: A alone knows 70% and the only key account, so the bus factor is 1 and A scores
 *   round(100 × (0.35·0.7 + 0.25·1 + 0.15·2/3 + 0.15·1/3 + 0.10·1/3)) = 68.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const customer: Record<string, string> = {};
const yuan = (n: number) => ({ amountMinor: n * 100, currency: 'CNY' });

const person = (id: string, name: string, extra: Record<string, unknown>) => ({
  id,
  name,
  nameLatin: name,
  workEmail: `${id.toLowerCase()}@hongtu.example`,
  phone: '+86 138 0000 0000',
  departmentId: 'D90',
  position: '销售 Sales',
  hireDate: '2020-03-01',
  hireChannel: 'campus',
  site: '上海 Shanghai',
  timeZone: 'Asia/Shanghai',
  ...extra,
});

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1001', 'E1041', 'E1002']) token[who] = await stack.tokenFor(who);
  const hr = token.E1041 as string;
  const must = async (response: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const r = await response;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await must(
    api.post('/v1/departments', hr, { id: 'D90', name: '风险实验组', nameEn: 'Risk Lab', parentId: 'D02' }),
  );
  await must(
    api.post(
      '/v1/employees',
      hr,
      person('E9000', 'Manager M', { managerId: 'E1001', position: '经理 Lead' }),
    ),
  );
  await must(api.change('/v1/departments/D90', hr, { headId: 'E9000' }));
  await must(api.post('/v1/employees', hr, person('E9001', 'Seller A', { managerId: 'E9000' })));
  for (const [id, name] of [
    ['E9002', 'Seller B'],
    ['E9003', 'Seller C'],
  ] as const)
    await must(
      api.post(
        '/v1/employees',
        hr,
        person(id, name, { managerId: 'E9000', hireChannel: 'internal_referral', referrerId: 'E9001' }),
      ),
    );
  token.E9000 = await stack.account('E9000', ['employee', 'manager']);
  for (const id of ['E9001', 'E9002', 'E9003']) token[id] = await stack.account(id, ['employee']);
  const base = { industry: 'retail', region: '华东 East China', tier: 'standard' };
  for (const [key, owner, tier] of [
    ['K', 'E9001', 'key'],
    ['P', 'E9001', 'standard'],
    ['Q', 'E9002', 'standard'],
    ['R', 'E9003', 'standard'],
  ] as const)
    customer[key] = String(
      (await must(api.post('/v1/customers', hr, { ...base, name: `Customer ${key}`, tier, ownerId: owner })))
        .id,
    );
  const won = (closedBy: string, amount: number, assistedBy: string[] = []) => ({
    title: 'Supply',
    amount: yuan(amount),
    status: 'won',
    closedAt: '2026-10-15',
    closedBy,
    assistedBy,
  });
  await must(api.post(`/v1/customers/${customer.K}/deals`, hr, won('E9001', 600_000)));
  await must(api.post(`/v1/customers/${customer.P}/deals`, hr, won('E9001', 100_000)));
  await must(api.post(`/v1/customers/${customer.Q}/deals`, hr, won('E9002', 200_000)));
  await must(api.post(`/v1/customers/${customer.R}/deals`, hr, won('E9003', 100_000, ['E9001'])));
  await must(
    api.post('/v1/mentorships', hr, {
      mentorId: 'E9001',
      menteeId: 'E9002',
      since: '2026-01-01',
      goal: 'Own accounts',
    }),
  );
});
afterAll(() => stack.stop());

type Person = {
  employeeId: string;
  score: number;
  revenueAloneShare: number;
  keyAccountsAloneShare: number;
  knowledgeShare: number;
  factors: {
    key: string;
    weight: number;
    value: number;
    points: number;
    records: Record<string, unknown[]>;
  }[];
};
const team = async (as = 'E1041', query = '') => {
  const r = await api.get(`/v1/risk/departments/D90${query}`, token[as] as string);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as {
    busFactor: { value: number; people: string[]; method: string };
    revenueMinor: number;
    topConcentration: { employeeId: string; share: number };
    people: Person[];
    alerts: { kind: string; employeeId?: string }[];
  };
};

describe('the demo company tells the story', () => {
  it('makes Wang Fang the key person of sales, with reasons; Han Meimei’s team is healthy; her leaving orphans key accounts', async () => {
    const sales = await api.get('/v1/risk/departments/D02', token.E1041 as string);
    expect(sales.status, JSON.stringify(sales.body)).toBe(200);
    const people = sales.body.people as Person[];
    expect(sales.body.busFactor).toMatchObject({ value: 1, people: ['E1002'] });
    expect(people[0]).toMatchObject({ employeeId: 'E1002', keyAccountsAloneShare: 0.8 });
    const reasons = Object.fromEntries((people[0]?.factors ?? []).map((f) => [f.key, f.value]));
    expect(reasons.referrals).toBeGreaterThan(0.5);
    expect(reasons.assistance).toBeGreaterThan(0);
    const healthy = await api.get('/v1/risk/departments/D08', token.E1041 as string);
    expect((healthy.body.busFactor as { value: number }).value).toBeGreaterThan(1);
    expect((healthy.body.people as Person[]).every((p) => p.revenueAloneShare === 0)).toBe(true);
    const leaving = await api.post('/v1/risk/simulations', token.E1041 as string, { leaving: ['E1002'] });
    const orphaned = leaving.body.orphaned as {
      keyAccounts: number;
      list: { tier: string; nextBest: { employeeId: string }[] }[];
    };
    expect(orphaned.keyAccounts).toBe(4);
  });
});

describe('a team’s key-person risk', () => {
  it('finds the revenue bus factor of 1, A as the key person, and the shares each person alone knows', async () => {
    const risk = await team();
    expect(risk.revenueMinor).toBe(100_000_000);
    expect(risk.busFactor).toMatchObject({ value: 1, people: ['E9001'], method: 'exact' });
    expect(risk.people[0]).toMatchObject({
      employeeId: 'E9001',
      score: 68,
      revenueAloneShare: 0.7,
      keyAccountsAloneShare: 1,
    });
    expect(risk).not.toHaveProperty('knowledge');
    const withKnowledge = (await team('E1041', '?knowledge=true')) as unknown as {
      knowledge: { customerId: string }[];
    };
    expect(withKnowledge.knowledge.map((c) => c.customerId).sort()).toEqual(Object.values(customer).sort());
    const shares = Object.fromEntries(risk.people.map((p) => [p.employeeId, p.revenueAloneShare]));
    expect(shares).toEqual({ E9001: 0.7, E9002: 0.2, E9003: 0.1, E9000: 0 });
    expect(risk.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'bus_factor' }),
        expect.objectContaining({ kind: 'alone_revenue', employeeId: 'E9001' }),
        expect.objectContaining({ kind: 'score', employeeId: 'E9001' }),
      ]),
    );
  });

  it('explains A’s score: every factor with its weight, value, points and the records behind it', async () => {
    const r = await api.get('/v1/risk/employees/E9001', token.E1041 as string);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const factors = Object.fromEntries((r.body.factors as Person['factors']).map((f) => [f.key, f]));
    expect(factors.revenueAlone).toMatchObject({ weight: 0.35, value: 0.7, points: 24.5 });
    expect(
      ((factors.revenueAlone?.records.customers ?? []) as { id: string }[]).map((c) => c.id).sort(),
    ).toEqual([customer.K, customer.P].sort());
    expect(
      (
        (factors.revenueAlone?.records.deals ?? []) as {
          customerId: string;
          amount: { amountMinor: number };
        }[]
      )
        .map((d) => [d.customerId, d.amount.amountMinor])
        .sort(),
    ).toEqual(
      [
        [customer.K, 60_000_000],
        [customer.P, 10_000_000],
      ].sort(),
    );
    expect(factors.keyAccountsAlone).toMatchObject({
      value: 1,
      records: { customers: [expect.objectContaining({ id: customer.K })] },
    });
    expect(factors.referrals).toMatchObject({ value: 0.6667, records: { employees: ['E9002', 'E9003'] } });
    expect(factors.assistance).toMatchObject({ value: 0.3333, records: { employees: ['E9003'] } });
    expect(factors.mentoring).toMatchObject({ value: 0.3333, records: { employees: ['E9002'] } });
    const sum = Object.values(factors).reduce((s, f) => s + f.points, 0);
    expect(r.body.score).toBe(Math.round(sum));
    // The customers with everyone's degree: R is C's (first owner), A only helped there.
    const r4 = (
      r.body.knowledge as { customerId: string; knowers: { employeeId: string; knows: boolean }[] }[]
    ).find((c) => c.customerId === customer.R);
    expect(r4?.knowers.map((k) => [k.employeeId, k.knows])).toEqual([
      ['E9003', true],
      ['E9001', false],
    ]);
  });

  it('lowers the concentration on the next read when a second person follows up the key account', async () => {
    const before = await team();
    expect(before.topConcentration.employeeId).toBe('E9001');
    const visit = await api.post(`/v1/customers/${customer.K}/interactions`, token.E1041 as string, {
      kind: 'visit',
      at: '2026-10-20T10:00:00+08:00',
      note: 'Joint visit',
      employeeId: 'E9002',
    });
    expect(visit.status).toBe(201);
    const after = await team();
    expect(after.topConcentration.share).toBeLessThan(before.topConcentration.share);
    const a = (risk: typeof before) => risk.people.find((p) => p.employeeId === 'E9001')?.knowledgeShare ?? 0;
    expect(a(after)).toBeLessThan(a(before));
  });

  it('shows risk to HR and the managers above, never to the person or a colleague; a manager reading his own team misses his own row', async () => {
    expect((await api.get('/v1/risk/employees/E9001', token.E1001 as string)).status).toBe(200);
    expectProblem(await api.get('/v1/risk/employees/E9001', token.E9001 as string), 403);
    // Nobody reads their own score, HR included; HR's own profile is the own view.
    expectProblem(await api.get('/v1/risk/employees/E1041', token.E1041 as string), 403);
    expect((await api.get('/v1/employees/E1041/profile', token.E1041 as string)).body).toMatchObject({
      view: 'own',
    });
    expectProblem(await api.get('/v1/risk/employees/E9001', token.E9002 as string), 403);
    expectProblem(await api.get('/v1/risk/departments/D90', token.E9002 as string), 403);
    // Wang Fang manages people, but not this team.
    expectProblem(await api.get('/v1/risk/departments/D90', token.E1002 as string), 403);
    const head = await team('E9000');
    expect(head.people.map((p) => p.employeeId)).not.toContain('E9000');
    expect((await team('E1001')).people.map((p) => p.employeeId)).toContain('E9000');

    const own = await api.get('/v1/employees/E9001/profile', token.E9001 as string);
    expect(own.body).toMatchObject({
      view: 'own',
      hire: { channel: 'campus' },
      referred: {
        direct: [expect.objectContaining({ id: 'E9002' }), expect.objectContaining({ id: 'E9003' })],
      },
      mentoring: { mentees: ['E9002'] },
      deals: { wonAlone: 2, assistedOthers: 1 },
    });
    expect(own.body.risk).toBeUndefined();
    const colleague = await api.get('/v1/employees/E9001/profile', token.E9002 as string);
    expect(Object.keys(colleague.body).sort()).toEqual(['directory', 'view']);
    const manager = await api.get('/v1/employees/E9001/profile', token.E1001 as string);
    expect(manager.body).toMatchObject({ view: 'full', risk: { score: expect.any(Number) } });
    expect((manager.body.customers as { known: { id: string }[] }).known.map((c) => c.id)).toContain(
      customer.K,
    );
  });

  it('draws the team: people, referral arrows and knowledge links to the key account, the same picture twice', async () => {
    const path = '/v1/risk/departments/D90/graph.svg';
    const first = await stack.request(path, { token: token.E1041 as string });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await first.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<g class="person"/g)).toHaveLength(4);
    expect(svg.match(/<g class="account" data-id="([^"]+)"/)?.[1]).toBe(customer.K);
    expect(svg.match(/<line class="referral"/g)).toHaveLength(2);
    expect(svg).toContain('Revenue bus factor 1');
    const second = await (await stack.request(path, { token: token.E1041 as string })).text();
    expect(second).toBe(svg);
    expectProblem(await api.get('/v1/risk/departments/D90/graph.svg', token.E9002 as string), 403);
  });

  it('keeps every version of the weights: a new one changes today’s score, version 1 still gives the old one', async () => {
    const current = await api.get('/v1/risk/weights', token.E1041 as string);
    expect(current.body).toMatchObject({ version: 1, factors: { revenueAlone: 0.35 } });
    const { version: _v, setBy: _s, setAt: _a, reason: _r, ...input } = current.body;
    const heavier = {
      ...input,
      factors: {
        revenueAlone: 0.6,
        keyAccountsAlone: 0.2,
        referrals: 0.1,
        assistance: 0.05,
        mentoring: 0.05,
      },
      reason: 'Revenue matters most',
    };
    // HR reads them; only an HR admin sets them, on the version read, adding up to 1.
    expectProblem(await api.put('/v1/risk/weights', token.E1041 as string, heavier, '"v1"'), 403);
    const admin = await stack.tokenFor('E1040');
    const bad = await api.put(
      '/v1/risk/weights',
      admin,
      { ...heavier, factors: { ...heavier.factors, mentoring: 0.5 } },
      '"v1"',
    );
    expect(bad.body.errors).toMatchObject([{ field: 'body.factors' }]);
    expectProblem(await api.put('/v1/risk/weights', admin, heavier, '"v7"'), 412);
    const set = await api.put('/v1/risk/weights', admin, heavier, '"v1"');
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ version: 2, setBy: 'E1040' });
    const now = (await team()).people.find((p) => p.employeeId === 'E9001');
    const before = (await team('E1041', '?weightsVersion=1')).people.find((p) => p.employeeId === 'E9001');
    expect(before?.score).toBe(68);
    expect(now?.score).toBe(
      Math.round(100 * (0.6 * 0.7 + 0.2 * 1 + 0.1 * 0.6667 + 0.05 * 0.3333 + 0.05 * 0.3333)),
    );
    expectProblem(await api.get('/v1/risk/departments/D90?weightsVersion=9', token.E1041 as string), 400);
    // Back to the defaults for what follows, as version 3.
    const back = await api.put(
      '/v1/risk/weights',
      admin,
      { ...input, reason: 'Back to the defaults' },
      '"v2"',
    );
    expect(back.body).toMatchObject({ version: 3 });
  });

  it('simulates A leaving; when A really resigns, HR is told and the handover suggests B for the key account', async () => {
    const simulation = await api.post('/v1/risk/simulations', token.E1041 as string, { leaving: ['E9001'] });
    expect(simulation.status, JSON.stringify(simulation.body)).toBe(200);
    const orphaned = simulation.body.orphaned as {
      customers: number;
      keyAccounts: number;
      list: { customerId: string; nextBest: { employeeId: string }[] }[];
    };
    expect(orphaned.keyAccounts).toBe(1);
    const k = orphaned.list.find((c) => c.customerId === customer.K);
    expect(k?.nextBest[0]?.employeeId).toBe('E9002');
    expect(simulation.body.loseReferrer).toEqual(
      expect.arrayContaining([{ employeeId: 'E9002', referrerId: 'E9001' }]),
    );
    expect(simulation.body.loseMentor).toMatchObject([{ employeeId: 'E9002', mentorId: 'E9001' }]);
    expectProblem(await api.post('/v1/risk/simulations', token.E1001 as string, { leaving: ['E9001'] }), 403);
    const unknown = await api.post('/v1/risk/simulations', token.E1041 as string, {
      leaving: ['E9001', 'E9999'],
    });
    expect(unknown.body.errors).toMatchObject([{ field: 'body.leaving.1' }]);

    const resigned = await api.post('/v1/employees/E9001/resignation', token.E9001 as string, {
      lastWorkingDay: '2026-11-30',
      reason: 'Moving on',
    });
    expect(resigned.status, JSON.stringify(resigned.body)).toBe(201);
    await stack.catchUp();
    const handover = await readWholeCase(api, String(resigned.body.id), token.E1041 as string);
    const items = (
      handover.items as { customers: { id: string; suggestedSuccessors?: { employeeId: string }[] }[] }
    ).customers;
    expect(items.find((i) => i.id === customer.K)?.suggestedSuccessors?.[0]?.employeeId).toBe('E9002');
    const inbox = await api.get('/v1/me/notifications?inbox=hr&limit=100', token.E1041 as string);
    const told = (inbox.body.items as { kind: string; body: string }[]).filter(
      (n) => n.kind === 'risk.keyPersonResigned',
    );
    expect(told, JSON.stringify(told)).toHaveLength(1);
    expect(told[0]?.body).toMatch(/risk score 6\d|风险分 6\d/);
    // M approves A's handover: a simulation of M leaving says so.
    const manager = await api.post('/v1/risk/simulations', token.E1041 as string, { leaving: ['E9000'] });
    expect(manager.body.handovers).toEqual([
      { caseId: resigned.body.id, leaverId: 'E9001', heldBy: 'E9000', role: 'manager', nodes: [] },
    ]);
  });
  it('recomputes a past day exactly as the daily snapshot stored it, whatever happened since', async () => {
    stack.clock.set('2026-11-03T01:00:00.000Z');
    const run = (await stack.functions.invoke('RiskSnapshots', {
      id: 'daily-2026-11-03',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-03T01:00:00Z',
      detail: {},
    })) as { asOf: string; written: number };
    expect(run.asOf).toBe('2026-11-02');
    const snapshots = await api.get('/v1/risk/departments/D90/snapshots', token.E1041 as string);
    const stored = snapshots.body.items?.[0] as Record<string, unknown>;
    expect(stored).toMatchObject({ asOf: '2026-11-02', busFactor: { value: 1 } });
    // Afterwards: B visits the key account again and wins a deal there.
    await api.post(`/v1/customers/${customer.K}/interactions`, token.E1041 as string, {
      kind: 'call',
      at: '2026-11-03T08:30:00+08:00',
      note: 'Follow-up',
      employeeId: 'E9002',
    });
    await api.post(`/v1/customers/${customer.K}/deals`, token.E1041 as string, {
      title: 'Extra',
      amount: yuan(50_000),
      status: 'won',
      closedAt: '2026-11-03',
      closedBy: 'E9002',
    });
    const again = await team('E1041', `?asOf=2026-11-02&weightsVersion=${stored.weightsVersion}`);
    const {
      people: storedPeople,
      takenAt: _t,
      ...storedTeam
    } = stored as { people: Person[]; takenAt: string };
    expect(again).toMatchObject(storedTeam);
    expect(
      again.people.map(({ employeeId, score, revenueAloneShare, keyAccountsAloneShare, knowledgeShare }) => ({
        employeeId,
        score,
        revenueAloneShare,
        keyAccountsAloneShare,
        knowledgeShare,
      })),
    ).toEqual(storedPeople);
    // Today's view has moved on.
    expect((await team()).revenueMinor).toBe(105_000_000);
    // The job's second run of the day keeps the first snapshot and tells nobody twice.
    const second = (await stack.functions.invoke('RiskSnapshots', {
      id: 'daily-2026-11-03-retry',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-03T01:05:00Z',
      detail: {},
    })) as { written: number };
    expect(second.written).toBe(0);
  });
});
