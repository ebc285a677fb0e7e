import { Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const share = z.number().check(z.gte(0), z.lte(1));
const positive = z.number().check(z.gt(0), z.lte(1000));
const rate = z.number().check(z.gt(0), z.lte(1e6));

/**
 * How risk is computed: configuration, versioned. The same records, date and version always give the
 * same numbers; a new version never changes what an older one computed.
 */
export const RiskWeightsInput = z.strictObject({
  /**
   * The knowledge degree of a person for a customer, in the form of the degree of authorship behind
   * software's truck factor (Avelino et al., 2016): base + firstOwner·FA + ownWork·DL − othersWork·ln(1 + AC).
   */
  degree: z.strictObject({
    base: positive,
    firstOwner: z.number().check(z.gte(0), z.lte(1000)),
    ownWork: z.number().check(z.gte(0), z.lte(1000)),
    othersWork: z.number().check(z.gte(0), z.lte(1000)),
    /** A deal closed or assisted counts as this many interactions. */
    dealWork: z.number().check(z.gte(0), z.lte(100)),
    /** Someone knows a customer when their degree is at least base and this share of the best one. */
    knowsAtShareOfBest: share,
    /** Work older than this many days no longer counts. */
    windowDays: z.int().check(z.gte(30), z.lte(3650)),
  }),
  /** Revenue is the won deals of this many days up to the day computed. */
  revenueWindowDays: z.int().check(z.gte(30), z.lte(3650)),
  /** The score's factors and their weights (they sum to 1). */
  factors: z.strictObject({
    revenueAlone: share,
    keyAccountsAlone: share,
    referrals: share,
    assistance: share,
    mentoring: share,
  }),
  /** A member depends on one helper when more than this share of their won deals had that helper. */
  assistedShare: share,
  /** Active mentees that make the mentoring factor full. */
  menteesForFullLoad: z.int().check(z.gte(1), z.lte(100)),
  /** When HR is told. */
  alerts: z.strictObject({
    scoreAtLeast: z.int().check(z.gte(0), z.lte(100)),
    aloneRevenueShareAbove: share,
    busFactorAtMost: z.int().check(z.gte(0), z.lte(100)),
  }),
  /** Revenue is compared in the base currency at these rates (1 unit of the currency in base units). */
  baseCurrency: z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY']),
  rates: z.strictObject({ CNY: rate, USD: rate, EUR: rate, HKD: rate, JPY: rate }),
});
export type RiskWeightsInput = z.infer<typeof RiskWeightsInput>;

export const RiskWeights = z.object({
  ...RiskWeightsInput.shape,
  version: z.int().check(z.positive()),
  setBy: z.string().check(z.maxLength(40)),
  setAt: Timestamp,
  reason: z.string().check(z.maxLength(500)),
});
export type RiskWeights = z.infer<typeof RiskWeights>;

/** Version 1, which holds until HR sets another. */
export const defaultWeights: RiskWeights = {
  version: 1,
  setBy: 'system',
  setAt: '2026-12-01T00:00:00.000Z',
  reason: 'The product’s defaults',
  degree: {
    base: 3.293,
    firstOwner: 1.098,
    ownWork: 0.164,
    othersWork: 0.321,
    dealWork: 2,
    knowsAtShareOfBest: 0.75,
    windowDays: 730,
  },
  revenueWindowDays: 365,
  factors: { revenueAlone: 0.35, keyAccountsAlone: 0.25, referrals: 0.15, assistance: 0.15, mentoring: 0.1 },
  assistedShare: 0.5,
  menteesForFullLoad: 3,
  alerts: { scoreAtLeast: 50, aloneRevenueShareAbove: 0.4, busFactorAtMost: 1 },
  baseCurrency: 'CNY',
  rates: { CNY: 1, USD: 7.1, EUR: 7.7, HKD: 0.91, JPY: 0.047 },
};

/** The factors' weights must add up to 1 (to the third decimal), so that a score stays within 0–100. */
export function weightIssues(w: RiskWeightsInput): { field: string; message: string }[] {
  const sum = Object.values(w.factors).reduce((a, b) => a + b, 0);
  const issues = [];
  if (Math.abs(sum - 1) > 0.001)
    issues.push({ field: 'factors', message: `The weights add up to ${sum}, not 1` });
  if (w.rates[w.baseCurrency] !== 1)
    issues.push({ field: 'rates', message: `The base currency ${w.baseCurrency} is at rate 1` });
  return issues;
}

/**
 * Weights, versioned (table Hr):
 *   pk = RISKWEIGHTS   sk = V#<version, 6 digits>
 * Access patterns: the current one (Query newest first, limit 1); one version (GetItem).
 */
export const weightsKeys = {
  partition: 'RISKWEIGHTS',
  item: (version: number) => ({ pk: 'RISKWEIGHTS', sk: `V#${String(version).padStart(6, '0')}` }),
  prefix: 'V#',
};
