import { Timestamp } from '#kernel/ids.ts';
import { inBothLanguages } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** K + the UTC time to the second + random hex: K20261201090000a1b2c3d4. */
export const KpiId = z
  .string()
  .check(z.regex(/^K\d{14}[0-9a-f]{8}$/, 'A KPI id looks like K20261201090000a1b2c3d4'));
export const kpiId = (at: Date, random: string) =>
  `K${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

/**
 * When a won deal counts as closed alone: its closer is the person and nobody among its assistants is
 * whom the rule names — the person's lead (manager) or a mentor of theirs on the closing day, by default.
 */
export const AloneRule = z.enum(['no_lead_or_mentor', 'no_lead', 'no_mentor', 'no_assistant']);
export type AloneRule = z.infer<typeof AloneRule>;

const alone = z._default(AloneRule, 'no_lead_or_mentor');

/** Where a KPI's actual value comes from: a measure over the company's own records, or a review rating. */
export const KpiSource = z.discriminatedUnion('kind', [
  /** Won deals the person closed alone in the window (a count). */
  z.strictObject({ kind: z.literal('deals_closed_alone'), alone }),
  /** What those deals were worth, in one currency (major units); deals in others are listed, not counted. */
  z.strictObject({
    kind: z.literal('revenue_closed_alone'),
    alone,
    currency: z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY']),
  }),
  /** For a lead: the share (0–1) of their direct reports who closed at least `minDeals` alone. */
  z.strictObject({
    kind: z.literal('team_closing_alone'),
    alone,
    minDeals: z.int().check(z.gte(1), z.lte(1000)),
  }),
  /** The share (0–1) of notices asking for acknowledgement delivered in the window acknowledged by its end. */
  z.strictObject({ kind: z.literal('notice_acknowledgement_rate') }),
  /**
   * For a mentor: their mentees' average change of score (points) between the released cycle before the
   * mentoring and the latest released one up to the period's end; applies with three or more compared.
   */
  z.strictObject({ kind: z.literal('mentee_improvement') }),
  /**
   * The share (0–1) of the person's training sessions ending in the window that they completed
   * (attended and, where the program has an exam, passed); applies when there was one.
   */
  z.strictObject({ kind: z.literal('training_completion') }),
  /** A rating (1–5) given on this KPI in the review, by the manager or the raters' weighted average. */
  z.strictObject({ kind: z.literal('review_rating') }),
]);
export type KpiSource = z.infer<typeof KpiSource>;

export const kpiUnits = {
  deals_closed_alone: 'deals',
  revenue_closed_alone: 'money',
  team_closing_alone: 'share',
  notice_acknowledgement_rate: 'share',
  mentee_improvement: 'points',
  training_completion: 'share',
  review_rating: 'rating',
} as const satisfies Record<KpiSource['kind'], string>;

const bound = z.number().check(z.gte(-1e12), z.lte(1e12));

const kpiFields = {
  name: inBothLanguages(100),
  description: z.optional(inBothLanguages(1000)),
  source: KpiSource,
  /** Where progress starts (0%) and where it is complete (100%), in the source's unit. */
  baseline: bound,
  target: bound,
  direction: z._default(z.enum(['higher_is_better', 'lower_is_better']), 'higher_is_better'),
  /** The days up to the cycle's period end that count; without it, the cycle's period. */
  windowDays: z.optional(z.int().check(z.gte(1), z.lte(3660))),
  /** Progress stops here: 1 is 100%, 1.2 lets it show 120%. */
  cap: z._default(z.number().check(z.gte(1), z.lte(3)), 1),
};

/** A target past its baseline in the KPI's direction: higher is better means target > baseline. */
export function kpiIssues(kpi: { baseline: number; target: number; direction: string }) {
  if (kpi.target === kpi.baseline)
    return [{ field: 'target', message: 'The target differs from the baseline' }];
  const higher = kpi.target > kpi.baseline;
  if (higher !== (kpi.direction === 'higher_is_better'))
    return [
      {
        field: 'target',
        message: `With ${kpi.direction}, the target lies ${kpi.direction === 'higher_is_better' ? 'above' : 'below'} the baseline`,
      },
    ];
  return [];
}

export const NewKpi = z.strictObject(kpiFields).check(
  z.superRefine((kpi, ctx) => {
    for (const issue of kpiIssues(kpi))
      ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field], input: kpi });
    if (kpi.source.kind === 'review_rating' && (kpi.baseline < 1 || kpi.target > 5 || kpi.target < 1))
      ctx.addIssue({ code: 'custom', message: 'Ratings run from 1 to 5', path: ['baseline'], input: kpi });
    const share = kpiUnits[kpi.source.kind] === 'share';
    if (share && (kpi.baseline < 0 || kpi.target > 1 || kpi.target < 0))
      ctx.addIssue({ code: 'custom', message: 'A share runs from 0 to 1', path: ['target'], input: kpi });
  }),
);
export type NewKpi = z.infer<typeof NewKpi>;

/**
 * A KPI: a definition over records, not a number typed in. Items (table Hr):
 *   pk = KPI#<id>   sk = KPI   gsi1pk = KPIS   gsi1sk = <createdAt>#<id>
 * A KPI does not change once defined (a cycle may have used it); a different one is a new KPI.
 * Access patterns: one (GetItem, BatchGetItem for a template's); all, oldest first (Query gsi1).
 */
export const Kpi = z.object({
  id: KpiId,
  ...kpiFields,
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  cap: z.number().check(z.gte(1), z.lte(3)),
  unit: z.enum(['deals', 'money', 'share', 'points', 'rating']),
  createdBy: z.string().check(z.maxLength(40)),
  createdAt: Timestamp,
});
export type Kpi = z.infer<typeof Kpi>;

export const kpiKeys = {
  item: (id: string) => ({ pk: `KPI#${id}`, sk: 'KPI' }),
  all: 'KPIS',
};

/**
 * Progress = clamp((actual − baseline) / (target − baseline), 0, cap): a team going from 30% to 45%
 * against a target of 60% is half way. The same formula serves lower-is-better (both terms negative).
 */
export function progressOf(kpi: Pick<Kpi, 'baseline' | 'target' | 'cap'>, actual: number): number {
  const raw = (actual - kpi.baseline) / (kpi.target - kpi.baseline);
  return Math.min(Math.max(raw, 0), kpi.cap);
}
