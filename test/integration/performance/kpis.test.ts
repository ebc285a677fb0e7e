import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 10's definitions: HR defines the sales KPIs — deals closed alone, the lead's share of members
 * who closed three alone (baseline 30%, target 60%) — and a template whose weights total 100, revised
 * to a second version while the first stays readable. Everyone may read how they are measured.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const closedAlone = {
  name: name('独立成交订单', 'Deals closed alone'),
  source: { kind: 'deals_closed_alone' },
  baseline: 0,
  target: 6,
};
const teamIndependence = {
  name: name('团队独立成交率', 'Team members closing alone'),
  source: { kind: 'team_closing_alone', minDeals: 3 },
  baseline: 0.3,
  target: 0.6,
};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1003', 'E1002', 'E1041']) token[who] = await stack.tokenFor(who);
});
afterAll(() => stack.stop());

describe('KPIs', () => {
  it('are defined by HR as measures over the records, with their unit and the defaults filled in', async () => {
    const defined = await api.post('/v1/kpis', token.E1041 as string, closedAlone);
    expect(defined.status, JSON.stringify(defined.body)).toBe(201);
    expect(defined.body).toMatchObject({
      ...closedAlone,
      source: { kind: 'deals_closed_alone', alone: 'no_lead_or_mentor' },
      direction: 'higher_is_better',
      cap: 1,
      unit: 'deals',
      createdBy: 'E1041',
    });
    expect(defined.headers.get('location')).toBe(`/v1/kpis/${defined.body.id}`);
    const team = await api.post('/v1/kpis', token.E1041 as string, teamIndependence);
    expect(team.body).toMatchObject({ unit: 'share', source: { minDeals: 3 } });
    // Anyone reads them.
    const read = await api.get(`/v1/kpis/${defined.body.id}`, token.E1003 as string);
    expect(read.body).toEqual(defined.body);
    const { items } = await readAllPages(api, '/v1/kpis', token.E1003 as string, 1);
    // Both defined at the same instant of the manual clock: in either order.
    expect(items.map((k) => k.id).sort()).toEqual([defined.body.id, team.body.id].sort());
  });

  it('refuses what is not a measurable KPI, naming the field, and defines nothing', async () => {
    const before = (await readAllPages(api, '/v1/kpis', token.E1041 as string, 100)).items.length;
    const flat = await api.post('/v1/kpis', token.E1041 as string, { ...closedAlone, target: 0 });
    expectProblem(flat, 400);
    expect(flat.body.errors).toMatchObject([{ field: 'body.target' }]);
    const backwards = await api.post('/v1/kpis', token.E1041 as string, {
      ...closedAlone,
      direction: 'lower_is_better',
    });
    expect(backwards.body.errors).toMatchObject([{ field: 'body.target' }]);
    const unknown = await api.post('/v1/kpis', token.E1041 as string, {
      ...closedAlone,
      source: { kind: 'typed_in' },
    });
    expectProblem(unknown, 400);
    expect(JSON.stringify(unknown.body.errors)).toContain('body.source');
    const share = await api.post('/v1/kpis', token.E1041 as string, { ...teamIndependence, target: 60 });
    expect(share.body.errors).toMatchObject([{ field: 'body.target' }]);
    expect((await readAllPages(api, '/v1/kpis', token.E1041 as string, 100)).items).toHaveLength(before);
  });

  it('are HR’s to define: a manager or an employee is refused', async () => {
    for (const who of ['E1002', 'E1003'])
      expectProblem(await api.post('/v1/kpis', token[who] as string, closedAlone), 403, 'permission_denied');
  });
});

describe('review templates', () => {
  let kpiIds: string[];
  const competencies = [
    { key: 'independent_work', name: name('独立工作', 'Independent work'), weight: 15 },
    { key: 'customer_care', name: name('客户关怀', 'Customer care'), weight: 15 },
  ];
  beforeAll(async () => {
    kpiIds = (await readAllPages(api, '/v1/kpis', token.E1041 as string, 100)).items.map((k) => String(k.id));
  });
  const sales = (weights: [number, number]) => ({
    name: name('销售考核', 'Sales review'),
    appliesTo: { positionWords: ['销售', 'Sales'] },
    kpis: [
      { kpiId: kpiIds[0], weight: weights[0] },
      { kpiId: kpiIds[1], weight: weights[1] },
    ],
    competencies,
  });

  it('refuses weights that do not total 100, naming the template field, and KPIs that do not exist', async () => {
    const short = await api.post('/v1/review-templates', token.E1041 as string, sales([40, 20]));
    expectProblem(short, 400, 'validation_failed');
    expect(short.body.errors).toEqual([
      { field: 'body.kpis', message: 'The weights total 90 (KPIs 60, competencies 30), not 100' },
    ]);
    const missing = await api.post('/v1/review-templates', token.E1041 as string, {
      ...sales([40, 30]),
      kpis: [
        { kpiId: kpiIds[0], weight: 40 },
        { kpiId: 'K20260101000000deadbeef', weight: 30 },
      ],
    });
    expectProblem(missing, 400, 'reference_not_found');
    expect(missing.body.errors).toMatchObject([{ field: 'body.kpis.1.kpiId' }]);
    expect((await api.get('/v1/review-templates', token.E1041 as string)).body.items).toEqual([]);
  });

  it('are versioned: a revision is the next version, the earlier one stays as it was', async () => {
    const created = await api.post('/v1/review-templates', token.E1041 as string, sales([40, 30]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ version: 1, raters: { self: 20, manager: 50, peers: 30 } });
    const path = `/v1/review-templates/${created.body.id}`;
    expect(created.headers.get('etag')).toBe('"v1"');
    expectProblem(await api.put(path, token.E1041 as string, sales([50, 20]), '"v0"'), 412);
    const revised = await api.put(path, token.E1041 as string, sales([50, 20]), '"v1"');
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({ version: 2, kpis: [{ weight: 50 }, { weight: 20 }] });
    expect((await api.get(path, token.E1003 as string)).body).toMatchObject({ version: 2 });
    expect((await api.get(`${path}?version=1`, token.E1003 as string)).body).toMatchObject({
      version: 1,
      kpis: [{ weight: 40 }, { weight: 30 }],
    });
    expectProblem(await api.get(`${path}?version=3`, token.E1003 as string), 404);
    const listed = await api.get('/v1/review-templates', token.E1003 as string);
    expect(listed.body.items?.map((t) => [t.id, t.version])).toEqual([[created.body.id, 2]]);
    expectProblem(await api.put(path, token.E1002 as string, sales([50, 20]), '"v2"'), 403);
  });
});
