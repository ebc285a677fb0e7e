import type { Enrolment } from './program.ts';

/** The days after a session at which its effect on the job is read (Kirkpatrick levels 3 and 4). */
export const effectHorizons = [30, 60, 90] as const;

/** Rounded for display and comparison: the same records give the same digits. */
const round = (n: number) => Math.round(n * 1e4) / 1e4;
const mean = (values: readonly number[]) =>
  values.length === 0 ? undefined : round(values.reduce((a, b) => a + b, 0) / values.length);

/** Level 1: what the trainees said of their session (1–5). */
export function reactionOf(enrolments: readonly Enrolment[]) {
  const ratings = enrolments.flatMap((e) => (e.reaction ? [e.reaction.rating] : []));
  return {
    responses: ratings.length,
    average: mean(ratings),
    /** How many gave 1, 2, 3, 4 and 5. */
    distribution: [1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length),
  };
}

/** Level 2: what they learned — the exam after minus the exam before, over those who took both. */
export function learningOf(enrolments: readonly Enrolment[]) {
  const both = enrolments.filter((e) => e.preScore !== undefined && e.postScore !== undefined);
  const examined = enrolments.filter((e) => e.postScore !== undefined);
  return {
    compared: both.length,
    averagePre: mean(both.map((e) => e.preScore as number)),
    averagePost: mean(both.map((e) => e.postScore as number)),
    averageGain: mean(both.map((e) => (e.postScore as number) - (e.preScore as number))),
    examined: examined.length,
    passed: enrolments.filter((e) => e.postScore !== undefined && e.completed === true).length,
  };
}

/** One person's KPI over `days` before their anchor day and `days` after it. */
export interface KpiChangeRow {
  employeeId: string;
  group: 'trainee' | 'comparison';
  /** The session whose end anchors the windows (a comparison person is read at the same days). */
  sessionId: string;
  anchor: string;
  before: number | undefined;
  after: number | undefined;
}

/**
 * Levels 3 and 4 at one horizon: the trainees' average change of the KPI against the comparison
 * group's over the same days; the effect is the difference. A person whose KPI does not apply in a
 * window is listed but not averaged.
 */
export function kpiEffect(rows: readonly KpiChangeRow[]) {
  const changes = (group: KpiChangeRow['group']) =>
    rows
      .filter((r) => r.group === group && r.before !== undefined && r.after !== undefined)
      .map((r) => (r.after as number) - (r.before as number));
  const trainees = changes('trainee');
  const comparison = changes('comparison');
  const t = mean(trainees);
  const c = mean(comparison);
  return {
    trainees: { people: trainees.length, averageChange: t },
    comparison: { people: comparison.length, averageChange: c },
    effect: t !== undefined && c !== undefined ? round(t - c) : undefined,
  };
}
