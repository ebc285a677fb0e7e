import { KpiId } from '#domain/performance/index.ts';
import { CalendarDate, EmployeeId, stampedId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import { addDays, daysBetween } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';
import { evidencedLevels, type SkillEvidence, SkillId, SkillLevel } from './skill.ts';

/**
 * Mentoring as a programme, on top of the risk area's mentorships (who mentors whom, since when):
 * goals aimed at a skill level or a KPI, and the sessions mentor and mentee log. Items (table Hr), in
 * the mentorship's own partition:
 *   pk = MENTORSHIP#<id>  sk = GOAL#<goalId>
 *   pk = MENTORSHIP#<id>  sk = SESSION#<on>#<sessionId>
 */

/** G + the UTC time to the second + random hex. */
export const MentoringGoalId = z
  .string()
  .check(z.regex(/^G\d{14}[0-9a-f]{8}$/, 'A goal id looks like G20261201090000a1b2c3d4'));
/** MS + the UTC time to the second + random hex. */
export const MentoringSessionId = z
  .string()
  .check(z.regex(/^MS\d{14}[0-9a-f]{8}$/, 'A mentoring session id looks like MS20261201090000a1b2c3d4'));
export const mentoringGoalId = stampedId('G');
export const mentoringSessionId = stampedId('MS');

/** Goals a mentorship may hold: enough for a year's plan, few enough to read on one screen. */
export const maxGoals = 20;

/**
 * What a mentorship aims at: a skill at a level (met when the mentee's evidenced level reaches it),
 * a KPI read from the records (met at its target value, or without one when it rose), or both.
 */
export const NewMentoringGoal = z
  .strictObject({
    title: z.string().check(z.trim(), z.minLength(3), z.maxLength(200)),
    skillId: z.optional(SkillId),
    targetLevel: z.optional(SkillLevel),
    kpiId: z.optional(KpiId),
    targetValue: z.optional(z.number().check(z.gte(-1e12), z.lte(1e12))),
    dueOn: z.optional(CalendarDate),
  })
  .check(
    z.refine((g) => (g.skillId === undefined) === (g.targetLevel === undefined), {
      message: 'A skill goal names the skill and the level to reach',
      path: ['targetLevel'],
    }),
    z.refine((g) => g.targetValue === undefined || g.kpiId !== undefined, {
      message: 'A target value belongs to a KPI',
      path: ['kpiId'],
    }),
    z.refine((g) => g.skillId !== undefined || g.kpiId !== undefined, {
      message: 'A goal names a skill and level or a KPI, so that the records can show it met',
      path: ['skillId'],
    }),
  );
export type NewMentoringGoal = z.infer<typeof NewMentoringGoal>;

export const MentoringGoal = z.object({
  id: MentoringGoalId,
  mentorshipId: z.string().check(z.maxLength(40)),
  title: z.string().check(z.maxLength(200)),
  skillId: z.optional(SkillId),
  targetLevel: z.optional(SkillLevel),
  kpiId: z.optional(KpiId),
  targetValue: z.optional(z.number()),
  dueOn: z.optional(CalendarDate),
  createdBy: EmployeeId,
  createdAt: Timestamp,
});
export type MentoringGoal = z.infer<typeof MentoringGoal>;

/** One meeting of mentor and mentee, as one of them (or HR) logs it. */
export const NewMentoringSession = z.strictObject({
  on: CalendarDate,
  minutes: z.int().check(z.gte(5), z.lte(600)),
  topics: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
  goalIds: z._default(z.array(MentoringGoalId).check(z.maxLength(maxGoals)), []),
  note: z.optional(upTo(2000)),
});
export type NewMentoringSession = z.input<typeof NewMentoringSession>;

export const MentoringSession = z.object({
  id: MentoringSessionId,
  mentorshipId: z.string().check(z.maxLength(40)),
  on: CalendarDate,
  minutes: z.int(),
  topics: z.string().check(z.maxLength(500)),
  goalIds: z.array(MentoringGoalId).check(z.maxLength(maxGoals)),
  note: z.optional(upTo(2000)),
  loggedBy: EmployeeId,
  loggedAt: Timestamp,
});
export type MentoringSession = z.infer<typeof MentoringSession>;

export const mentoringKeys = {
  partition: (mentorshipId: string) => `MENTORSHIP#${mentorshipId}`,
  goal: (mentorshipId: string, id: string) => ({ pk: `MENTORSHIP#${mentorshipId}`, sk: `GOAL#${id}` }),
  session: (s: Pick<MentoringSession, 'mentorshipId' | 'on' | 'id'>) => ({
    pk: `MENTORSHIP#${s.mentorshipId}`,
    sk: `SESSION#${s.on}#${s.id}`,
  }),
};

/** How much was met: sessions, minutes, the first and last day, and how often each goal was worked on. */
export function sessionSummary(sessions: readonly Pick<MentoringSession, 'on' | 'minutes' | 'goalIds'>[]) {
  const days = sessions.map((s) => s.on).sort();
  const perGoal = new Map<string, number>();
  for (const s of sessions) for (const g of s.goalIds) perGoal.set(g, (perGoal.get(g) ?? 0) + 1);
  return {
    count: sessions.length,
    minutes: sessions.reduce((sum, s) => sum + s.minutes, 0),
    ...(days.length > 0 ? { firstOn: days[0] as string, lastOn: days.at(-1) as string } : {}),
    perGoal,
  };
}

/**
 * Each skill whose evidenced level moved while the mentoring ran: its level the day before it began
 * (0 without evidence) and on its last day (or today), with the evidence each rests on.
 */
export function skillChanges(evidence: readonly SkillEvidence[], since: string, end: string) {
  const before = evidencedLevels(evidence.filter((e) => e.on < since));
  const after = evidencedLevels(evidence.filter((e) => e.on <= end));
  return [...after.values()]
    .filter((e) => e.on >= since && e.level !== (before.get(e.skillId)?.level ?? 0))
    .map((e) => {
      const was = before.get(e.skillId);
      return {
        skillId: e.skillId,
        from: was?.level ?? 0,
        to: e.level,
        change: e.level - (was?.level ?? 0),
        basis: { ...(was ? { from: was } : {}), to: e },
      };
    })
    .sort((a, b) => a.skillId.localeCompare(b.skillId));
}

/** Skill levels gained, summed over the skills that moved (a level lost counts against). */
export const levelsGained = (changes: readonly { change: number }[]) =>
  changes.reduce((sum, c) => sum + c.change, 0);

/**
 * The two windows a goal's KPI is compared over: the same number of days before the mentoring began
 * and up to its end (or today) — at most 90, at least the days it has run.
 */
export function kpiWindowsOf(since: string, end: string) {
  const days = Math.max(1, Math.min(90, daysBetween(since, end) + 1));
  return {
    days,
    before: { start: addDays(since, -days), end: addDays(since, -1) },
    after: { start: addDays(end, 1 - days), end },
  };
}

export type GoalStatus = 'met' | 'open' | 'overdue';

/**
 * Met when every target it names is reached: the skill's level; the KPI's value where one is given,
 * else a KPI above what it was before the mentoring. Past its due day unmet, overdue.
 */
export function goalStatus(
  goal: Pick<MentoringGoal, 'targetLevel' | 'kpiId' | 'targetValue' | 'dueOn'>,
  reached: { level?: number | undefined; before?: number | undefined; since?: number | undefined },
  today: string,
): GoalStatus {
  const targets: boolean[] = [];
  if (goal.targetLevel !== undefined) targets.push((reached.level ?? 0) >= goal.targetLevel);
  if (goal.kpiId !== undefined) {
    const { before, since } = reached;
    targets.push(
      since !== undefined &&
        (goal.targetValue !== undefined ? since >= goal.targetValue : before !== undefined && since > before),
    );
  }
  if (targets.length > 0 && targets.every(Boolean)) return 'met';
  return goal.dueOn !== undefined && goal.dueOn < today ? 'overdue' : 'open';
}
