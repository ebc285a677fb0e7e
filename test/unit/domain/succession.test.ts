import { describe, expect, it } from 'vitest';
import { coverageOf, nineBoxOf, type ReadinessInputs, readinessOf } from '#domain/succession/index.ts';

const criteria = { minimumScore: 80, requiredTrainings: ['T1'], sharedKeyAccounts: 3, monthsInRole: 12 };
const evidence = (level: number, on: string) => ({
  skillId: 'key_accounts',
  level,
  source: 'exam' as const,
  on,
  recordedBy: 'E1041',
  recordedAt: `${on}T00:00:00.000Z`,
});
const ready: ReadinessInputs = {
  asOf: '2026-12-01',
  requirements: [{ skillId: 'key_accounts', level: 3 }],
  evidence: [evidence(3, '2026-10-01')],
  scores: [
    { cycleId: 'C1', asOf: '2026-06-30', score: 78 },
    { cycleId: 'C2', asOf: '2026-12-31', score: 90 },
  ],
  completedTrainings: [{ trainingId: 'T1', on: '2026-09-10' }],
  upcomingTrainings: [],
  sharedKeyAccounts: [
    { customerId: 'C-1', firstTogether: '2026-03-01' },
    { customerId: 'C-2', firstTogether: '2026-04-01' },
    { customerId: 'C-3', firstTogether: '2026-09-01' },
  ],
  inRoleSince: '2024-05-01',
};

describe('readiness', () => {
  it('is ready now when every criterion is met, each with its reason', () => {
    const r = readinessOf(criteria, ready);
    expect(r.status).toBe('ready_now');
    expect(r.label.en).toBe('ready now');
    expect(r.criteria.map((c) => [c.key, c.met])).toEqual([
      ['skills', true],
      ['score', true],
      ['trainings', true],
      ['shared_key_accounts', true],
      ['time_in_role', true],
    ]);
    expect(r.criteria.find((c) => c.key === 'time_in_role')?.reason.en).toBe(
      '31 months in role (since 2024-05-01), 12 required',
    );
  });

  it('projects the months from each unmet criterion’s pace, and the slowest decides', () => {
    const r = readinessOf(criteria, {
      ...ready,
      // 60 → 72 over six months: 2 points a month, 8 short: 4 months.
      scores: [
        { cycleId: 'C1', asOf: '2026-05-31', score: 60 },
        { cycleId: 'C2', asOf: '2026-11-30', score: 72 },
      ],
      // One of three met together, one of them in the last six months: 1/6 a month, 2 short: 12 months.
      sharedKeyAccounts: [{ customerId: 'C-1', firstTogether: '2026-08-01' }],
      completedTrainings: [],
      upcomingTrainings: [{ trainingId: 'T1', endsOn: '2027-01-15' }],
    });
    expect(r).toMatchObject({ status: 'ready_in_months', months: 12, because: ['shared_key_accounts'] });
    expect(r.label).toEqual({ 'zh-CN': '约 12 个月后可接任', en: 'ready in about 12 months' });
    expect(r.criteria.find((c) => c.key === 'score')).toMatchObject({
      met: false,
      projectedMonths: 4,
      perMonth: 2,
    });
    expect(r.criteria.find((c) => c.key === 'trainings')).toMatchObject({ met: false, projectedMonths: 2 });
  });

  it('is not yet when an unmet criterion does not move, or needs more than two years', () => {
    const stalled = readinessOf(criteria, { ...ready, completedTrainings: [] });
    expect(stalled).toMatchObject({ status: 'not_yet', because: ['trainings'] });
    expect(stalled.criteria.find((c) => c.key === 'trainings')?.reason.en).toMatch(/not enrolled/);
    const slow = readinessOf(criteria, {
      ...ready,
      scores: [
        { cycleId: 'C1', asOf: '2025-12-31', score: 50 },
        { cycleId: 'C2', asOf: '2026-12-31', score: 52 },
      ],
    });
    expect(slow.status).toBe('not_yet');
    expect(slow.criteria.find((c) => c.key === 'score')?.projectedMonths).toBe(165);
  });

  it('reads skill progress from the evidence of the past year', () => {
    const r = readinessOf(criteria, {
      ...ready,
      requirements: [{ skillId: 'key_accounts', level: 4 }],
      evidence: [evidence(1, '2025-10-01'), evidence(3, '2026-10-01')],
    });
    // Two levels in a year: 1/6 a month, one short: 6 months.
    expect(r.criteria.find((c) => c.key === 'skills')).toMatchObject({
      met: false,
      actual: 0,
      projectedMonths: 6,
    });
    expect(r).toMatchObject({ status: 'ready_in_months', months: 6 });
    expect(readinessOf(criteria, { ...ready, asOf: '2026-12-01' })).toEqual(readinessOf(criteria, ready));
  });
});

describe('the 9-box and coverage', () => {
  it('places performance across and potential up, each banded, and no box without both', () => {
    expect(nineBoxOf(59.9, 1)).toEqual({ performance: 'low', potential: 'low', box: 1 });
    expect(nineBoxOf(80, 1)).toEqual({ performance: 'high', potential: 'low', box: 3 });
    expect(nineBoxOf(60, 3)).toEqual({ performance: 'medium', potential: 'high', box: 8 });
    expect(nineBoxOf(95, 3)).toEqual({ performance: 'high', potential: 'high', box: 9 });
    expect(nineBoxOf(undefined, 2)).toEqual({ potential: 'medium' });
    expect(nineBoxOf(70, undefined)).toEqual({ performance: 'medium' });
  });

  it('covers a position with one successor ready now and two in sight', () => {
    const of = (...statuses: ('ready_now' | 'ready_in_months' | 'not_yet')[]) => ({
      candidates: statuses.map((status) => ({ readiness: { status } as never })),
    });
    expect(
      coverageOf([
        of('ready_now', 'ready_in_months'),
        of('ready_now', 'not_yet'),
        of('ready_in_months', 'ready_in_months'),
        of(),
      ]),
    ).toEqual({ keyPositions: 4, withReadyNow: 2, withTwoSuccessors: 2, covered: 1, share: 0.25 });
  });
});
