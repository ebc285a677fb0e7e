import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closedAlone,
  combinedRating,
  type DealRecord,
  measure,
  mentorEffect,
  NewKpi,
  type PeopleAsOf,
  progressOf,
  ReviewTemplateInput,
  weightedScore,
} from '#domain/performance/index.ts';

const kpi = (baseline: number, target: number, cap = 1) => ({ baseline, target, cap });

describe('progress against a KPI', () => {
  it('starts at the baseline, not at zero: a team from 30% to 45% of a 60% target is half way', () => {
    expect(progressOf(kpi(0.3, 0.6), 0.45)).toBeCloseTo(0.5, 10);
    expect(progressOf(kpi(0, 10), 4)).toBeCloseTo(0.4, 10);
    expect(progressOf(kpi(2, 10), 4)).toBeCloseTo(0.25, 10);
  });

  it('works when lower is better: from 10 days to a target of 4, 7 days is half way', () => {
    expect(progressOf(kpi(10, 4), 7)).toBeCloseTo(0.5, 10);
    expect(progressOf(kpi(10, 4), 12)).toBe(0);
  });

  it('stops at zero below the baseline and at the cap above the target', () => {
    expect(progressOf(kpi(0.3, 0.6), 0.1)).toBe(0);
    expect(progressOf(kpi(0, 10), 30)).toBe(1);
    expect(progressOf(kpi(0, 10, 1.2), 30)).toBe(1.2);
    expect(progressOf(kpi(0, 10, 1.2), 11)).toBeCloseTo(1.1, 10);
  });

  it('stays within 0 and the cap whatever the actual value', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (baseline, delta, actual, cap) => {
          fc.pre(Math.abs(delta) > 1e-6);
          const p = progressOf(kpi(baseline, baseline + delta, cap), actual);
          return p >= 0 && p <= cap;
        },
      ),
    );
  });

  it('refuses a target that does not lie past the baseline in the KPI’s direction, naming the target', () => {
    const base = {
      name: { 'zh-CN': '独立成交', en: 'Deals closed alone' },
      source: { kind: 'deals_closed_alone' },
    };
    expect(NewKpi.safeParse({ ...base, baseline: 0, target: 10 }).success).toBe(true);
    for (const wrong of [
      { baseline: 5, target: 5 },
      { baseline: 10, target: 2 },
      { baseline: 2, target: 10, direction: 'lower_is_better' },
    ]) {
      const parsed = NewKpi.safeParse({ ...base, ...wrong });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['target']);
    }
  });
});

describe('the weighted score', () => {
  it('renormalises over the components that apply: a missing one does not drag the score down', () => {
    const { score, parts } = weightedScore([
      { key: 'alone', kind: 'kpi', weight: 40, score: 1 },
      { key: 'team', kind: 'kpi', weight: 30, score: undefined },
      { key: 'teamwork', kind: 'competency', weight: 30, score: 0.5 },
    ]);
    // 40·1 + 30·0.5 over 70, not over 100.
    expect(score).toBeCloseTo((40 + 15) / 0.7, 1);
    expect(parts.map((p) => p.appliedWeight)).toEqual([57.1429, 0, 42.8571]);
    expect(parts.reduce((sum, p) => sum + p.points, 0)).toBeCloseTo(score as number, 2);
  });

  it('is the plain weighted sum when everything applies, and nothing when nothing does', () => {
    expect(
      weightedScore([
        { key: 'a', kind: 'kpi', weight: 40, score: 0.5 },
        { key: 'b', kind: 'kpi', weight: 60, score: 1 },
      ]).score,
    ).toBe(80);
    expect(weightedScore([{ key: 'a', kind: 'kpi', weight: 100, score: undefined }]).score).toBeUndefined();
  });

  it('counts peers only as an average over three or more of them', () => {
    const weights = { self: 20, manager: 50, peers: 30 };
    expect(combinedRating({ manager: 4, peers: [5, 5] }, weights)).toEqual({ rating: 4, peers: undefined });
    expect(combinedRating({ manager: 4, peers: [5, 5, 2] }, weights)).toEqual({ rating: 4, peers: 4 });
    expect(combinedRating({ self: 5, manager: 3, peers: [] }, weights).rating).toBeCloseTo(
      (5 * 20 + 3 * 50) / 70,
      4,
    );
    expect(combinedRating({ peers: [1, 2] }, weights).rating).toBeUndefined();
  });
});

describe('a review template', () => {
  const template = (kpis: number[], competencies: number[]) => ({
    name: { 'zh-CN': '销售', en: 'Sales' },
    kpis: kpis.map((weight, n) => ({ kpiId: `K2026120109000${n}a1b2c3d4`, weight })),
    competencies: competencies.map((weight, n) => ({
      key: `dimension_${n}`,
      name: { 'zh-CN': `维度${n}`, en: `Dimension ${n}` },
      weight,
    })),
  });

  it('takes weights that total 100 across KPIs and competencies', () => {
    expect(ReviewTemplateInput.safeParse(template([40, 30], [15, 15])).success).toBe(true);
    expect(ReviewTemplateInput.safeParse(template([], [50, 50])).success).toBe(true);
  });

  it('refuses weights that do not total 100, naming the field and the totals', () => {
    const parsed = ReviewTemplateInput.safeParse(template([40, 30], [15]));
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['kpis'],
        message: 'The weights total 85 (KPIs 70, competencies 15), not 100',
      }),
    ]);
    const ratedOnly = ReviewTemplateInput.safeParse(template([], [50, 40]));
    expect(ratedOnly.error?.issues.map((i) => i.path)).toEqual([['competencies']]);
    const raters = ReviewTemplateInput.safeParse({
      ...template([100], []),
      raters: { self: 10, manager: 10, peers: 10 },
    });
    expect(raters.error?.issues.map((i) => i.path)).toEqual([['raters']]);
  });
});

const deal = (id: string, closedAt: string, assistedBy: string[] = [], closedBy = 'E1'): DealRecord => ({
  id,
  customerId: 'C00001',
  status: 'won',
  closedAt,
  closedBy,
  assistedBy,
  amount: { amountMinor: 100_000, currency: 'CNY' },
});

describe('closed alone', () => {
  const lead = 'LEAD';
  const mentors = ['MENTOR'];
  const cases: [string[], Record<string, boolean>][] = [
    [[], { no_lead_or_mentor: true, no_lead: true, no_mentor: true, no_assistant: true }],
    [['PEER'], { no_lead_or_mentor: true, no_lead: true, no_mentor: true, no_assistant: false }],
    [['LEAD'], { no_lead_or_mentor: false, no_lead: false, no_mentor: true, no_assistant: false }],
    [['MENTOR'], { no_lead_or_mentor: false, no_lead: true, no_mentor: false, no_assistant: false }],
    [['PEER', 'MENTOR'], { no_lead_or_mentor: false, no_lead: true, no_mentor: false, no_assistant: false }],
  ];
  it.each(cases)('assisted by %j', (assistedBy, expected) => {
    for (const [rule, alone] of Object.entries(expected))
      expect(closedAlone({ assistedBy }, rule as never, lead, mentors).alone, rule).toBe(alone);
  });

  it('says whose help took it away', () => {
    expect(closedAlone({ assistedBy: ['PEER', 'LEAD'] }, 'no_lead_or_mentor', lead, mentors)).toEqual({
      alone: false,
      because: 'assisted_by_lead',
      by: ['LEAD'],
    });
  });
});

describe('measures over the records', () => {
  // A lead (L) with four members: A and B closed three alone in the quarter, C closed three with the
  // lead's help, D closed two alone; one of A's is outside the period.
  const deals: Record<string, DealRecord[]> = {
    A: [
      deal('D1', '2026-10-03', [], 'A'),
      deal('D2', '2026-11-03', ['C'], 'A'),
      deal('D3', '2026-12-30', [], 'A'),
      deal('D0', '2026-09-30', [], 'A'),
    ],
    B: [
      deal('D4', '2026-10-05', [], 'B'),
      deal('D5', '2026-10-06', [], 'B'),
      deal('D6', '2026-10-07', ['M'], 'B'),
    ],
    C: [
      deal('D7', '2026-10-05', ['L'], 'C'),
      deal('D8', '2026-10-06', ['L'], 'C'),
      deal('D9', '2026-10-07', ['L'], 'C'),
    ],
    D: [
      deal('D10', '2026-10-05', [], 'D'),
      deal('D11', '2026-10-06', [], 'D'),
      { ...deal('D12', '2026-10-07', [], 'D'), status: 'lost' },
    ],
  };
  const people: PeopleAsOf = {
    leadOf: (id) => (id === 'L' ? undefined : 'L'),
    // M mentors B from 2026-10-07 on.
    mentorsOn: (id, day) => (id === 'B' && day >= '2026-10-07' ? ['M'] : []),
    teamOf: (id) => (id === 'L' ? ['A', 'B', 'C', 'D'] : []),
    dealsClosedBy: (id) => deals[id] ?? [],
  };
  const quarter = { start: '2026-10-01', end: '2026-12-31' };

  it('counts a member’s won deals closed alone in the period, listing each with why it counted or not', () => {
    const b = measure(
      { source: { kind: 'deals_closed_alone', alone: 'no_lead_or_mentor' } },
      'B',
      quarter,
      people,
    );
    expect(b.actual).toBe(2);
    expect(b.records.map((r) => [r.kind === 'deal' && r.id, r.counted])).toEqual([
      ['D4', true],
      ['D5', true],
      ['D6', false],
    ]);
    expect(b.records[2]).toMatchObject({ because: 'assisted_by_mentor', by: ['M'] });
    // With "nobody assisted", the same as here; with "no lead", the mentor's help does not matter.
    expect(
      measure({ source: { kind: 'deals_closed_alone', alone: 'no_lead' } }, 'B', quarter, people).actual,
    ).toBe(3);
  });

  it('gives a lead the share of members who closed at least N alone, each member with their counts', () => {
    const team = measure(
      { source: { kind: 'team_closing_alone', alone: 'no_lead_or_mentor', minDeals: 2 } },
      'L',
      quarter,
      people,
    );
    // A (3: D1, D2, D3), B (2), D (2) reach two; C's were all with the lead.
    expect(team.actual).toBe(0.75);
    expect(team.records).toContainEqual({
      kind: 'member',
      employeeId: 'C',
      closedAlone: 0,
      assisted: 3,
      counted: false,
    });
    expect(
      measure(
        { source: { kind: 'team_closing_alone', alone: 'no_lead_or_mentor', minDeals: 2 } },
        'A',
        quarter,
        people,
      ).actual,
    ).toBeUndefined();
  });

  it('reads its window of days up to the period’s end when it has one', () => {
    const last30 = measure(
      { source: { kind: 'deals_closed_alone', alone: 'no_lead_or_mentor' }, windowDays: 90 },
      'A',
      quarter,
      people,
    );
    expect({ from: last30.from, to: last30.to, actual: last30.actual }).toEqual({
      from: '2026-10-03',
      to: '2026-12-31',
      actual: 3,
    });
  });

  it('sums revenue closed alone in its currency and lists the others as not counted', () => {
    const usd = {
      ...deal('D13', '2026-10-08', [], 'D'),
      amount: { amountMinor: 500, currency: 'USD' as const },
    };
    const withUsd: PeopleAsOf = {
      ...people,
      dealsClosedBy: (id) => [...(deals[id] ?? []), ...(id === 'D' ? [usd] : [])],
    };
    const revenue = measure(
      { source: { kind: 'revenue_closed_alone', alone: 'no_lead_or_mentor', currency: 'CNY' } },
      'D',
      quarter,
      withUsd,
    );
    expect(revenue.actual).toBe(2000);
    expect(revenue.records.at(-1)).toMatchObject({ id: 'D13', counted: false, because: 'other_currency' });
  });

  it('rates notice acknowledgement over the notices that reached them in the window, acknowledged by its end', () => {
    const withNotices: PeopleAsOf = {
      ...people,
      acknowledgementsOf: () => [
        { noticeId: 'N1', deliveredOn: '2026-10-02', acknowledgedOn: '2026-10-03' },
        { noticeId: 'N2', deliveredOn: '2026-11-20' },
        { noticeId: 'N3', deliveredOn: '2026-12-30', acknowledgedOn: '2027-01-04' },
        { noticeId: 'N0', deliveredOn: '2026-09-30', acknowledgedOn: '2026-09-30' },
      ],
    };
    const rate = measure({ source: { kind: 'notice_acknowledgement_rate' } }, 'A', quarter, withNotices);
    // N1 acknowledged; N2 never; N3 only after the period; N0 before the window.
    expect(rate.actual).toBeCloseTo(1 / 3, 6);
    expect(rate.records.map((r) => [r.kind === 'notice' && r.id, r.counted])).toEqual([
      ['N1', true],
      ['N2', false],
      ['N3', false],
    ]);
    expect(
      measure({ source: { kind: 'notice_acknowledgement_rate' } }, 'B', quarter, people).actual,
    ).toBeUndefined();
  });

  it('rates training completion over the sessions that ended in the window, unrecorded ones not completed', () => {
    const trained: PeopleAsOf = {
      ...people,
      trainingsOf: () => [
        { trainingId: 'T1', sessionId: 'S1', endedOn: '2026-10-10', completed: true },
        { trainingId: 'T2', sessionId: 'S2', endedOn: '2026-11-05', completed: false },
        { trainingId: 'T3', sessionId: 'S3', endedOn: '2026-12-01', completed: undefined },
        { trainingId: 'T4', sessionId: 'S4', endedOn: '2026-09-30', completed: true },
      ],
    };
    const rate = measure({ source: { kind: 'training_completion' } }, 'A', quarter, trained);
    expect(rate.actual).toBeCloseTo(1 / 3, 6);
    expect(rate.records).toEqual([
      { kind: 'training', id: 'T1', sessionId: 'S1', endedOn: '2026-10-10', counted: true },
      { kind: 'training', id: 'T2', sessionId: 'S2', endedOn: '2026-11-05', counted: false },
      {
        kind: 'training',
        id: 'T3',
        sessionId: 'S3',
        endedOn: '2026-12-01',
        counted: false,
        because: 'not_recorded',
      },
    ]);
    // No session in the window: the KPI does not apply, so it does not drag the score down.
    expect(measure({ source: { kind: 'training_completion' } }, 'B', quarter, people).actual).toBeUndefined();
  });
});

describe('the mentor effect as a KPI', () => {
  const result = (cycleId: string, asOf: string, score: number) =>
    ({ cycleId, asOf, score, kpis: [], competencies: [] }) as unknown as Parameters<
      typeof mentorEffect
    >[0][number]['before'];
  const mentee = (id: string, before: number | undefined, latest: number) => ({
    menteeId: id,
    since: '2026-06-01',
    before: before === undefined ? undefined : result('Q2', '2026-05-31', before),
    latest: result('Q3', '2026-09-30', latest),
  });

  it('is the mentees’ average change of score, applying only with three compared', () => {
    const two = [mentee('M1', 40, 60), mentee('M2', 50, 55), mentee('M3', undefined, 70)];
    const few = mentorEffect(two);
    expect(few).toMatchObject({ compared: 2, scored: false, average: { scoreChange: 12.5 } });
    const source = { source: { kind: 'mentee_improvement' as const } };
    const asKpi = (mentees: ReturnType<typeof mentee>[]) =>
      measure(
        source,
        'MENTOR',
        { start: '2026-07-01', end: '2026-09-30' },
        {
          leadOf: () => undefined,
          mentorsOn: () => [],
          teamOf: () => [],
          dealsClosedBy: () => [],
          menteesOf: () => mentees,
        },
      );
    expect(asKpi(two).actual).toBeUndefined();
    const three = asKpi([...two, mentee('M4', 30, 27)]);
    expect(three.actual).toBeCloseTo((20 + 5 - 3) / 3, 4);
    expect(three.records).toContainEqual({ kind: 'mentee', employeeId: 'M3', counted: false });
  });
});
