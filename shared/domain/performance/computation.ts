import { CalendarDate, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { ReviewCycleId } from './cycle.ts';
import { reviewComputationRequested } from './events/reviewComputationRequested.ts';
import { KpiId, KpiSource } from './kpi.ts';
import { ReviewTemplateId } from './template.ts';

/**
 * The inputs of the ReviewComputation workflow's tasks (infra/workflows/reviewComputation.ts fills
 * them from these schemas; functions/performance/reviewComputation.ts parses them with the same).
 */
const run = { cycleId: ReviewCycleId, run: z.int().check(z.positive()) };
export const planComputationTask = z.object({
  action: z.literal('plan'),
  detail: reviewComputationRequested.detail,
});
export const computeDepartmentTask = z.object({
  action: z.literal('compute'),
  ...run,
  departmentId: DepartmentId,
});
export const finishComputationTask = z.object({ action: z.literal('finish'), ...run });
export const failComputationTask = z.object({
  action: z.literal('fail'),
  detail: reviewComputationRequested.detail,
  error: z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) }),
});
export const ReviewComputationTask = z.discriminatedUnion('action', [
  planComputationTask,
  computeDepartmentTask,
  finishComputationTask,
  failComputationTask,
]);
export type ReviewComputationTask = z.infer<typeof ReviewComputationTask>;

/** A record behind a KPI's number (measures.ts says what each holds). */
const Record = z.object({
  kind: z.enum(['deal', 'member', 'notice', 'mentee', 'training']),
  sessionId: z.optional(z.string().check(z.maxLength(40))),
  endedOn: z.optional(CalendarDate),
  id: z.optional(z.string().check(z.maxLength(40))),
  customerId: z.optional(z.string().check(z.maxLength(40))),
  closedAt: z.optional(CalendarDate),
  amount: z.optional(z.object({ amountMinor: z.int(), currency: z.string().check(z.maxLength(3)) })),
  employeeId: z.optional(EmployeeId),
  closedAlone: z.optional(z.int()),
  assisted: z.optional(z.int()),
  counted: z.boolean(),
  because: z.optional(z.string().check(z.maxLength(40))),
  by: z.optional(z.array(EmployeeId).check(z.maxLength(20))),
  deliveredOn: z.optional(CalendarDate),
  acknowledgedOn: z.optional(CalendarDate),
  change: z.optional(z.number()),
});

/** One KPI of a result: its definition's numbers, what was measured, and the records it came from. */
export const KpiResult = z.object({
  kpiId: KpiId,
  name: z.object({ 'zh-CN': upTo(100), en: upTo(100) }),
  source: KpiSource,
  unit: z.enum(['deals', 'money', 'share', 'points', 'rating']),
  weight: z.int(),
  baseline: z.number(),
  target: z.number(),
  cap: z.number(),
  window: z.object({ from: CalendarDate, to: CalendarDate }),
  /** Undefined when it does not apply (no team, nobody rated it): its weight goes to the others. */
  actual: z.optional(z.number()),
  progress: z.optional(z.number()),
  appliedWeight: z.number(),
  points: z.number(),
  records: z.array(Record).check(z.maxLength(2000)),
  /** More records than kept here (the count is exact; the list is the first 2,000). */
  recordsTotal: z.int(),
});
export type KpiResult = z.infer<typeof KpiResult>;

export const CompetencyResult = z.object({
  key: z.string().check(z.maxLength(40)),
  name: z.object({ 'zh-CN': upTo(100), en: upTo(100) }),
  weight: z.int(),
  /** The raters' weighted rating (1–5), and the score it makes ((rating − 1) / 4). */
  rating: z.optional(z.number()),
  score: z.optional(z.number()),
  raters: z.object({
    self: z.optional(z.number()),
    manager: z.optional(z.number()),
    peers: z.object({ raters: z.int(), average: z.optional(z.number()) }),
  }),
  appliedWeight: z.number(),
  points: z.number(),
});
export type CompetencyResult = z.infer<typeof CompetencyResult>;

/**
 * A participant's computed result: every component with its inputs and records, the template version,
 * the ratings' versions it read, and the final score (0–100, renormalised over what applies).
 * Item (table Hr): pk = CYCLE#<id>  sk = RESULT#<employeeId>  gsi1pk = RESULTSOF#<employeeId>
 * gsi1sk = <period end>#<cycleId> (someone's results, newest first); and, per run and department, a marker
 * pk = CYCLE#<id>  sk = DONE#<run>#<departmentId> so a retried task skips what it finished.
 */
export const ReviewResult = z.object({
  cycleId: ReviewCycleId,
  employeeId: EmployeeId,
  departmentId: DepartmentId,
  run: z.int().check(z.positive()),
  templateId: ReviewTemplateId,
  templateVersion: z.int().check(z.positive()),
  asOf: CalendarDate,
  computedAt: Timestamp,
  score: z.optional(z.number()),
  kpis: z.array(KpiResult).check(z.maxLength(30)),
  competencies: z.array(CompetencyResult).check(z.maxLength(20)),
  /** The ratings it read: the self and manager ratings' versions, how many peers. */
  ratingsRead: z.object({ self: z.optional(z.int()), manager: z.optional(z.int()), peers: z.int() }),
});
export type ReviewResult = z.infer<typeof ReviewResult>;

export const resultKeys = {
  result: (cycleId: string, employeeId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `RESULT#${employeeId}` }),
  resultPrefix: 'RESULT#',
  of: (employeeId: string) => `RESULTSOF#${employeeId}`,
  done: (cycleId: string, run: number, departmentId: string) => ({
    pk: `CYCLE#${cycleId}`,
    sk: `DONE#${String(run).padStart(6, '0')}#${departmentId}`,
  }),
};
