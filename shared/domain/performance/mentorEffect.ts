import type { ReviewResult } from './computation.ts';
import { minimumPeers } from './template.ts';

/** Fewer mentees than this, and the effect is shown but not scored (one mentee's luck is no effect). */
export const minimumMentees = minimumPeers;

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const average = (values: readonly number[]) =>
  values.length === 0 ? undefined : round(values.reduce((a, b) => a + b, 0) / values.length);

/** What the mentoring programme (training area) logged and the records show of one mentorship. */
export interface MentoringProgramme {
  sessions: number;
  minutes: number;
  lastSessionOn?: string;
  /** The mentee's skills whose evidenced level moved since the mentoring began. */
  skills: { skillId: string; from: number; to: number }[];
  skillLevelsGained: number;
}

export interface MenteeResults {
  menteeId: string;
  since: string;
  /** Their latest released result before the mentoring began, and their latest released one since. */
  before: ReviewResult | undefined;
  latest: ReviewResult | undefined;
  programme?: MentoringProgramme | undefined;
}

/**
 * The mentor effect: each mentee's change between the cycle before the mentoring and the latest one —
 * their score, each KPI's progress and each competency's rating that both cycles measured — and the
 * averages over the mentees with both. Scored only with at least three such mentees. Beside it, what
 * the mentoring programme shows: sessions held and the skill levels each mentee gained.
 */
export function mentorEffect(mentees: readonly MenteeResults[]) {
  const each = mentees.map(({ menteeId, since, before, latest, programme }) => {
    const logged = programme ? { programme } : {};
    if (!before || !latest || before.cycleId === latest.cycleId)
      return {
        menteeId,
        since,
        compared: false as const,
        ...(latest ? { latestCycleId: latest.cycleId } : {}),
        ...logged,
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
      ...logged,
    };
  });
  const programmes = mentees.flatMap((m) => (m.programme ? [m.programme] : []));
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
    programme: {
      /** Mentees whose mentoring logged at least one session. */
      menteesWithSessions: programmes.filter((p) => p.sessions > 0).length,
      sessions: programmes.reduce((sum, p) => sum + p.sessions, 0),
      minutes: programmes.reduce((sum, p) => sum + p.minutes, 0),
      /** The average over every mentee of the skill levels gained since the mentoring began. */
      skillLevelsGained: average(programmes.map((p) => p.skillLevelsGained)),
    },
  };
}
