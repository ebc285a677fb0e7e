import { describe, expect, it } from 'vitest';
import {
  goalStatus,
  kpiWindowsOf,
  levelsGained,
  type SkillEvidence,
  skillChanges,
} from '#domain/training/index.ts';

const shown = (skillId: string, level: number, on: string): SkillEvidence => ({
  skillId,
  level,
  on,
  source: 'manager_assessment',
  recordedBy: 'E1001',
  recordedAt: `${on}T08:00:00.000Z`,
});

describe('a mentee’s skills that moved while the mentoring ran', () => {
  const evidence = [
    shown('negotiation', 2, '2026-03-01'),
    shown('negotiation', 4, '2026-06-01'),
    shown('presenting', 3, '2026-05-10'),
    shown('forecasting', 3, '2026-02-01'),
    shown('forecasting', 3, '2026-05-01'),
    shown('crm', 2, '2026-08-01'),
  ];

  it('compares the level the day before it began with the level on its last day', () => {
    const changes = skillChanges(evidence, '2026-04-01', '2026-07-31');
    // forecasting was shown again at the same level (no move); crm came after the last day.
    expect(changes.map(({ skillId, from, to, change }) => ({ skillId, from, to, change }))).toEqual([
      { skillId: 'negotiation', from: 2, to: 4, change: 2 },
      { skillId: 'presenting', from: 0, to: 3, change: 3 },
    ]);
    expect(levelsGained(changes)).toBe(5);
  });

  it('counts a level lost against the gain', () => {
    const fell = [...evidence, shown('negotiation', 1, '2026-07-01')];
    const changes = skillChanges(fell, '2026-04-01', '2026-07-31');
    expect(changes.find((c) => c.skillId === 'negotiation')).toMatchObject({ from: 2, to: 1, change: -1 });
    expect(levelsGained(changes)).toBe(2);
  });
});

describe('the windows a goal’s KPI is compared over', () => {
  it('are as long as the mentoring has run, at most 90 days, before and up to its end', () => {
    expect(kpiWindowsOf('2026-10-01', '2026-10-01')).toEqual({
      days: 1,
      before: { start: '2026-09-30', end: '2026-09-30' },
      after: { start: '2026-10-01', end: '2026-10-01' },
    });
    expect(kpiWindowsOf('2026-01-01', '2026-12-31')).toEqual({
      days: 90,
      before: { start: '2025-10-03', end: '2025-12-31' },
      after: { start: '2026-10-03', end: '2026-12-31' },
    });
  });
});

describe('a goal’s state', () => {
  const today = '2026-11-02';
  it('is met when every target it names is reached', () => {
    const both = { targetLevel: 3, kpiId: 'K1', targetValue: 2 };
    expect(goalStatus(both, { level: 3, since: 2 }, today)).toBe('met');
    expect(goalStatus(both, { level: 3, since: 1 }, today)).toBe('open');
    expect(goalStatus(both, { level: 2, since: 5 }, today)).toBe('open');
  });
  it('without a target value, is met when the KPI rose', () => {
    expect(goalStatus({ kpiId: 'K1' }, { before: 1, since: 2 }, today)).toBe('met');
    expect(goalStatus({ kpiId: 'K1' }, { before: 2, since: 2 }, today)).toBe('open');
    expect(goalStatus({ kpiId: 'K1' }, { since: 2 }, today)).toBe('open');
  });
  it('is overdue only after its due day', () => {
    expect(goalStatus({ targetLevel: 3, dueOn: '2026-11-02' }, { level: 2 }, today)).toBe('open');
    expect(goalStatus({ targetLevel: 3, dueOn: '2026-11-01' }, { level: 2 }, today)).toBe('overdue');
    expect(goalStatus({ targetLevel: 3, dueOn: '2026-11-01' }, { level: 3 }, today)).toBe('met');
  });
});
