import type { SkillEvidence } from '#domain/training/index.ts';
import { evidencedLevels } from '#domain/training/index.ts';
import { addDays, daysBetween } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';

/** What a key position asks of a successor before they are ready. */
export interface ReadinessCriteria {
  /** The released review score (0–100) they reach. */
  minimumScore: number;
  /** Programs they have completed. */
  requiredTrainings: readonly string[];
  /** The incumbent's key accounts they have met together with her. */
  sharedKeyAccounts: number;
  /** Months in their current role. */
  monthsInRole: number;
}

/** What the records say of a candidate, as of a day. */
export interface ReadinessInputs {
  asOf: string;
  /** The levels the key position requires. */
  requirements: readonly { skillId: string; level: number }[];
  evidence: readonly SkillEvidence[];
  /** Released review results, oldest first. */
  scores: readonly { cycleId: string; asOf: string; score: number }[];
  /** Programs they completed, and the day. */
  completedTrainings: readonly { trainingId: string; on: string }[];
  /** Sessions of the required programs they are enrolled in that have not ended yet. */
  upcomingTrainings: readonly { trainingId: string; endsOn: string }[];
  /** Each of the incumbent's key accounts they met together with her, and the first day they did. */
  sharedKeyAccounts: readonly { customerId: string; firstTogether: string }[];
  inRoleSince: string;
}

export const CriterionKeyView = z.enum([
  'skills',
  'score',
  'trainings',
  'shared_key_accounts',
  'time_in_role',
]);
export type CriterionKey = z.infer<typeof CriterionKeyView>;

export interface Criterion {
  key: CriterionKey;
  met: boolean;
  actual: number;
  required: number;
  /** Months until it is met at the pace the records show; absent when met or when nothing moves it. */
  projectedMonths?: number;
  /** The pace behind a projection, in the criterion's unit per month. */
  perMonth?: number;
  reason: { 'zh-CN': string; en: string };
}

export type ReadinessStatus = 'ready_now' | 'ready_in_months' | 'not_yet';

/** A projection further ahead than this is no plan: "not yet". */
export const horizonMonths = 24;
const daysPerMonth = 30.44;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const monthsBetween = (from: string, to: string) => daysBetween(from, to) / daysPerMonth;
const months = (n: number) => Math.max(1, Math.ceil(n - 1e-9));
/**
 * The months a shortfall needs at a pace, computed from the pace as shown (two decimals) so that
 * anyone can redo it from the numbers on the page; a pace that rounds to nothing does not move it.
 */
const projection = (short: number, pace: number) => {
  const perMonth = round(pace);
  return perMonth > 0 ? { projectedMonths: months(short / perMonth), perMonth } : {};
};

function skillsCriterion(inputs: ReadinessInputs): Criterion {
  const now = evidencedLevels(inputs.evidence);
  const yearAgo = evidencedLevels(inputs.evidence.filter((e) => e.on <= addDays(inputs.asOf, -365)));
  const missing = inputs.requirements.reduce(
    (sum, r) => sum + Math.max(0, r.level - (now.get(r.skillId)?.level ?? 0)),
    0,
  );
  const met = inputs.requirements.filter((r) => (now.get(r.skillId)?.level ?? 0) >= r.level).length;
  const gained = inputs.requirements.reduce(
    (sum, r) =>
      sum +
      Math.max(
        0,
        Math.min(r.level, now.get(r.skillId)?.level ?? 0) -
          Math.min(r.level, yearAgo.get(r.skillId)?.level ?? 0),
      ),
    0,
  );
  const total = inputs.requirements.length;
  const base = { key: 'skills' as const, actual: met, required: total, met: met === total };
  if (base.met)
    return {
      ...base,
      reason: { 'zh-CN': `岗位要求的 ${total} 项技能均已达标`, en: `All ${total} required skills at level` },
    };
  const perMonth = gained / 12;
  return {
    ...base,
    ...projection(missing, perMonth),
    reason: {
      'zh-CN': `${total} 项技能中 ${met} 项达标，尚差 ${missing} 级${perMonth > 0 ? `；过去一年提升 ${gained} 级` : '；过去一年无提升'}`,
      en: `${met} of ${total} required skills at level, ${missing} level(s) short${perMonth > 0 ? `; gained ${gained} in the past year` : '; none gained in the past year'}`,
    },
  };
}

function scoreCriterion(inputs: ReadinessInputs, minimum: number): Criterion {
  const latest = inputs.scores.at(-1);
  const previous = inputs.scores.at(-2);
  const actual = latest?.score ?? 0;
  const base = { key: 'score' as const, actual: round(actual), required: minimum, met: actual >= minimum };
  if (!latest)
    return { ...base, reason: { 'zh-CN': '尚无已发布的考核结果', en: 'No released review result yet' } };
  if (base.met)
    return {
      ...base,
      reason: {
        'zh-CN': `最近考核得分 ${round(actual)}（${latest.asOf}），不低于 ${minimum}`,
        en: `Latest review score ${round(actual)} (${latest.asOf}), at least ${minimum}`,
      },
    };
  const span = previous ? monthsBetween(previous.asOf, latest.asOf) : 0;
  const perMonth = previous && span > 0 ? (latest.score - previous.score) / span : 0;
  return {
    ...base,
    ...projection(minimum - actual, perMonth),
    reason: {
      'zh-CN': `最近考核得分 ${round(actual)}，要求 ${minimum}${previous ? `；上次 ${round(previous.score)}` : ''}`,
      en: `Latest review score ${round(actual)}, ${minimum} required${previous ? `; ${round(previous.score)} the time before` : ''}`,
    },
  };
}

function trainingsCriterion(inputs: ReadinessInputs, required: readonly string[]): Criterion {
  const done = new Set(inputs.completedTrainings.map((t) => t.trainingId));
  const missing = required.filter((id) => !done.has(id));
  const base = {
    key: 'trainings' as const,
    actual: required.length - missing.length,
    required: required.length,
  };
  if (missing.length === 0)
    return {
      ...base,
      met: true,
      reason: {
        'zh-CN': `已完成要求的 ${required.length} 项培训`,
        en: `Completed the ${required.length} required program(s)`,
      },
    };
  const ends = missing.map(
    (id) =>
      inputs.upcomingTrainings
        .filter((t) => t.trainingId === id)
        .map((t) => t.endsOn)
        .sort()[0],
  );
  const last = ends.every((e) => e !== undefined) ? (ends as string[]).sort().at(-1) : undefined;
  return {
    ...base,
    met: false,
    ...(last ? { projectedMonths: months(monthsBetween(inputs.asOf, last)) } : {}),
    reason: {
      'zh-CN': `尚有 ${missing.length} 项要求的培训未完成${last ? `，已报名，${last} 结束` : '，未报名'}`,
      en: `${missing.length} required program(s) not completed${last ? `; enrolled, ending ${last}` : '; not enrolled'}`,
    },
  };
}

function sharedCriterion(inputs: ReadinessInputs, required: number): Criterion {
  const actual = inputs.sharedKeyAccounts.length;
  const base = { key: 'shared_key_accounts' as const, actual, required, met: actual >= required };
  if (base.met)
    return {
      ...base,
      reason: {
        'zh-CN': `已与现任共同拜访 ${actual} 个关键客户`,
        en: `Met ${actual} of the incumbent's key accounts together with her`,
      },
    };
  const recent = inputs.sharedKeyAccounts.filter((a) => a.firstTogether > addDays(inputs.asOf, -182)).length;
  const perMonth = recent / 6;
  return {
    ...base,
    ...(perMonth > 0
      ? { projectedMonths: months((required - actual) / perMonth), perMonth: round(perMonth) }
      : {}),
    reason: {
      'zh-CN': `与现任共同拜访关键客户 ${actual} 个，要求 ${required} 个；近半年新增 ${recent} 个`,
      en: `Met ${actual} of the incumbent's key accounts with her, ${required} required; ${recent} new in the last six months`,
    },
  };
}

function roleCriterion(inputs: ReadinessInputs, required: number): Criterion {
  const actual = Math.max(0, Math.floor(monthsBetween(inputs.inRoleSince, inputs.asOf)));
  const base = { key: 'time_in_role' as const, actual, required, met: actual >= required };
  return {
    ...base,
    ...(base.met ? {} : { projectedMonths: required - actual, perMonth: 1 }),
    reason: {
      'zh-CN': `任现职 ${actual} 个月（自 ${inputs.inRoleSince}），要求 ${required} 个月`,
      en: `${actual} months in role (since ${inputs.inRoleSince}), ${required} required`,
    },
  };
}

/**
 * A candidate's readiness for a key position, computed from the records rather than typed as a label:
 * ready now when every criterion is met; otherwise ready in about the months the slowest unmet
 * criterion needs at the pace the records show, or not yet when one does not move or needs more
 * than two years. Pure: the same records give the same answer.
 */
export function readinessOf(criteria: ReadinessCriteria, inputs: ReadinessInputs) {
  const list = [
    skillsCriterion(inputs),
    scoreCriterion(inputs, criteria.minimumScore),
    trainingsCriterion(inputs, criteria.requiredTrainings),
    sharedCriterion(inputs, criteria.sharedKeyAccounts),
    roleCriterion(inputs, criteria.monthsInRole),
  ];
  const unmet = list.filter((c) => !c.met);
  const stalled = unmet.filter((c) => c.projectedMonths === undefined);
  const slowest = Math.max(0, ...unmet.map((c) => c.projectedMonths ?? 0));
  const status: ReadinessStatus =
    unmet.length === 0
      ? 'ready_now'
      : stalled.length > 0 || slowest > horizonMonths
        ? 'not_yet'
        : 'ready_in_months';
  const label =
    status === 'ready_now'
      ? { 'zh-CN': '现在可接任', en: 'ready now' }
      : status === 'ready_in_months'
        ? { 'zh-CN': `约 ${slowest} 个月后可接任`, en: `ready in about ${slowest} months` }
        : { 'zh-CN': '尚未准备好', en: 'not yet' };
  return {
    status,
    ...(status === 'ready_in_months' ? { months: slowest } : {}),
    label,
    /** What holds it back: the unmet criteria that do not move, else the slowest. */
    because: (stalled.length > 0 ? stalled : unmet.filter((c) => c.projectedMonths === slowest)).map(
      (c) => c.key,
    ),
    criteria: list,
    asOf: inputs.asOf,
  };
}
export type Readiness = ReturnType<typeof readinessOf>;
