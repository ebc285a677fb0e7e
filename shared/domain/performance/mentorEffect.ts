import type { ReviewResult } from './computation.ts';
import { minimumPeers } from './template.ts';

/** Fewer mentees than this, and the effect is shown but not scored (one mentee's luck is no effect). */
export const minimumMentees = minimumPeers;

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const average = (values: readonly number[]) =>
  values.length === 0 ? undefined : round(values.reduce((a, b) => a + b, 0) / values.length);

export interface MenteeResults {
  menteeId: string;
  since: string;
  /** Their latest released result before the mentoring began, and their latest released one since. */
  before: ReviewResult | undefined;
  latest: ReviewResult | undefined;
}

/**
 * The mentor effect: each mentee's change between the cycle before the mentoring and the latest one —
 * their score, each KPI's progress and each competency's rating that both cycles measured — and the
 * averages over the mentees with both. Scored only with at least three such mentees.
 */
export function mentorEffect(mentees: readonly MenteeResults[]) {
  const each = mentees.map(({ menteeId, since, before, latest }) => {
    if (!before || !latest || before.cycleId === latest.cycleId)
      return {
        menteeId,
        since,
        compared: false as const,
        ...(latest ? { latestCycleId: latest.cycleId } : {}),
      };
    const kpis = latest.kpis.flatMap((k) => {
      const was = before.kpis.find((b) => b.kpiId === k.kpiId);
      return was?.progress !== undefined && k.progress !== undefined
        ? [
            {
              kpiId: k.kpiId,
              before: was.progress,
              latest: k.progress,
              change: round(k.progress - was.progress),
            },
          ]
        : [];
    });
    const competencies = latest.competencies.flatMap((c) => {
      const was = before.competencies.find((b) => b.key === c.key);
      return was?.rating !== undefined && c.rating !== undefined
        ? [{ key: c.key, before: was.rating, latest: c.rating, change: round(c.rating - was.rating) }]
        : [];
    });
    return {
      menteeId,
      since,
      compared: true as const,
      beforeCycleId: before.cycleId,
      latestCycleId: latest.cycleId,
      ...(before.score !== undefined && latest.score !== undefined
        ? { scoreChange: round(latest.score - before.score) }
        : {}),
      kpis,
      competencies,
    };
  });
  const compared = each.filter((m) => m.compared);
  const keys = (pick: (m: (typeof compared)[number]) => { key: string; change: number }[]) => {
    const all = compared.flatMap(pick);
    return [...new Set(all.map((a) => a.key))].map((key) => ({
      key,
      change: average(all.filter((a) => a.key === key).map((a) => a.change)) as number,
      mentees: all.filter((a) => a.key === key).length,
    }));
  };
  return {
    mentees: each,
    compared: compared.length,
    scored: compared.length >= minimumMentees,
    average: {
      scoreChange: average(compared.flatMap((m) => (m.scoreChange !== undefined ? [m.scoreChange] : []))),
      kpis: keys((m) => m.kpis.map((k) => ({ key: k.kpiId, change: k.change }))).map(({ key, ...rest }) => ({
        kpiId: key,
        ...rest,
      })),
      competencies: keys((m) => m.competencies.map((c) => ({ key: c.key, change: c.change }))),
    },
  };
}
