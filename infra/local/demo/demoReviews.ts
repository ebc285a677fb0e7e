import { addDays } from '#kernel/time.ts';
import { demoApi } from './demoApi.ts';

/**
 * Scenario 10 in the demo company, made through the API as HR would make it: the sales KPIs (deals
 * closed alone; the lead's share of members closing five or more alone, baseline 30%, target 60%), a
 * sales template, and two half-year cycles, computed and released. Wang Fang's team goes from 3 of 10
 * closing alone in the second half of 2025 to 6 of 10 in the first half of 2026, and her score with it.
 */
export async function loadDemoReviews(options: {
  url: string;
  token: (employeeId: string) => Promise<string>;
  /** The company's date today (ratings are due two weeks on). */
  today: string;
  /** Until the cycle's computation has run: the tests catch up, `npm start` waits for it. */
  settle: (cycleId: string) => Promise<void>;
}) {
  const call = demoApi(options.url, options.token);
  const hr = 'E1040';
  const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  const alone = await call(hr, 'POST', '/v1/kpis', {
    name: name('独立成交订单', 'Deals closed alone'),
    description: name(
      '本人独立赢单（无上级或导师协助）的数量',
      'Won deals closed without the lead’s or a mentor’s help',
    ),
    source: { kind: 'deals_closed_alone' },
    baseline: 0,
    target: 6,
  });
  const team = await call(hr, 'POST', '/v1/kpis', {
    name: name('团队独立成交率', 'Team members closing alone'),
    description: name(
      '半年内独立成交 5 单及以上的下属占比',
      'Share of direct reports with five or more deals closed alone in the half',
    ),
    source: { kind: 'team_closing_alone', minDeals: 5 },
    baseline: 0.3,
    target: 0.6,
  });
  const template = await call(hr, 'POST', '/v1/review-templates', {
    name: name('销售考核', 'Sales review'),
    appliesTo: { positionWords: ['销售', 'Sales'] },
    kpis: [
      { kpiId: alone.id, weight: 40 },
      { kpiId: team.id, weight: 30 },
    ],
    competencies: [
      { key: 'independent_work', name: name('独立工作', 'Independent work'), weight: 15 },
      { key: 'customer_care', name: name('客户关怀', 'Customer care'), weight: 15 },
    ],
  });
  const due = addDays(options.today, 14);
  const cycles = [];
  for (const [zh, en, start, end, ratings] of [
    ['2025 年下半年', '2025 H2', '2025-07-01', '2025-12-31', { self: [4, 4], manager: [3, 4] }],
    ['2026 年上半年', '2026 H1', '2026-01-01', '2026-06-30', { self: [4, 5], manager: [4, 4] }],
  ] as const) {
    const cycle = await call(hr, 'POST', '/v1/review-cycles', {
      name: name(zh, en),
      period: { start, end },
      templateIds: [template.id],
      participants: { departments: [{ id: 'D02', includeSubdepartments: false }] },
      ratingsDue: { self: due, peer: due, manager: due },
    });
    const path = `/v1/review-cycles/${cycle.id}`;
    for (const [who, [independent, care]] of [
      ['E1002', ratings.self],
      ['E1001', ratings.manager],
    ] as const)
      await call(who, 'POST', `${path}/reviews/E1002/ratings`, {
        competencies: { independent_work: independent, customer_care: care },
      });
    await call(hr, 'POST', `${path}/computation`);
    await options.settle(String(cycle.id));
    cycles.push(await call(hr, 'POST', `${path}/release`));
  }
  return { kpis: [alone.id, team.id], templateId: template.id, cycleIds: cycles.map((c) => String(c.id)) };
}
