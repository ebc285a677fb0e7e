import type { CompetencyResult, KpiResult, ReviewResult } from './computation.ts';
import type { Participant, Rating, ReviewCycle } from './cycle.ts';
import { progressOf } from './kpi.ts';
import { measure, type PeopleAsOf } from './measures.ts';
import { combinedRating, ratingScore, weightedScore } from './score.ts';

const keptRecords = 2000;

/**
 * One participant's result as of the cycle's period end: each KPI measured from the records (or from
 * the ratings, for a rated one) with its progress, each competency from the raters, and the weighted
 * score renormalised over what applies. Pure: the same records and ratings give the same result.
 */
export function computeResult(
  cycle: Pick<ReviewCycle, 'id' | 'period' | 'templates' | 'kpis'>,
  participant: Participant,
  ratings: readonly Rating[],
  people: PeopleAsOf,
  run: number,
  computedAt: string,
): ReviewResult {
  const template = cycle.templates.find((t) => t.id === participant.templateId);
  if (!template) throw new Error(`Cycle ${cycle.id} has no template ${participant.templateId}`);
  const by = (relation: Rating['relation']) => ratings.filter((r) => r.relation === relation);
  const one = (relation: 'self' | 'manager') => by(relation)[0];
  const rated = (pick: (r: Rating) => number | undefined) => {
    const self = one('self');
    const manager = one('manager');
    const peers = by('peer')
      .map(pick)
      .filter((v): v is number => v !== undefined);
    const combined = combinedRating(
      { self: self && pick(self), manager: manager && pick(manager), peers },
      template.raters,
    );
    return {
      rating: combined.rating,
      raters: {
        ...(self && pick(self) !== undefined ? { self: pick(self) } : {}),
        ...(manager && pick(manager) !== undefined ? { manager: pick(manager) } : {}),
        peers: { raters: peers.length, ...(combined.peers !== undefined ? { average: combined.peers } : {}) },
      },
    };
  };

  const kpis = template.kpis.map(({ kpiId, weight }) => {
    const kpi = cycle.kpis.find((k) => k.id === kpiId);
    if (!kpi) throw new Error(`Cycle ${cycle.id} has no KPI ${kpiId}`);
    const measured = measure(kpi, participant.employeeId, cycle.period, people);
    const actual = kpi.source.kind === 'review_rating' ? rated((r) => r.kpis[kpiId]).rating : measured.actual;
    return {
      kpi,
      weight,
      actual,
      progress: actual === undefined ? undefined : progressOf(kpi, actual),
      measured,
    };
  });
  const competencies = template.competencies.map((c) => {
    const { rating, raters } = rated((r) => r.competencies[c.key]);
    return { competency: c, rating, raters, score: rating === undefined ? undefined : ratingScore(rating) };
  });
  const { score, parts } = weightedScore([
    ...kpis.map((k) => ({ key: k.kpi.id, kind: 'kpi' as const, weight: k.weight, score: k.progress })),
    ...competencies.map((c) => ({
      key: c.competency.key,
      kind: 'competency' as const,
      weight: c.competency.weight,
      score: c.score,
    })),
  ]);
  const partOf = (n: number) => parts[n] ?? { appliedWeight: 0, points: 0 };

  return {
    cycleId: cycle.id,
    employeeId: participant.employeeId,
    departmentId: participant.departmentId,
    run,
    templateId: template.id,
    templateVersion: template.version,
    asOf: cycle.period.end,
    computedAt,
    ...(score !== undefined ? { score } : {}),
    kpis: kpis.map(
      (k, n): KpiResult => ({
        kpiId: k.kpi.id,
        name: k.kpi.name,
        source: k.kpi.source,
        unit: k.kpi.unit,
        weight: k.weight,
        baseline: k.kpi.baseline,
        target: k.kpi.target,
        cap: k.kpi.cap,
        window: { from: k.measured.from, to: k.measured.to },
        ...(k.actual !== undefined ? { actual: k.actual } : {}),
        ...(k.progress !== undefined ? { progress: Math.round(k.progress * 1e6) / 1e6 } : {}),
        appliedWeight: partOf(n).appliedWeight,
        points: partOf(n).points,
        records: k.measured.records.slice(0, keptRecords),
        recordsTotal: k.measured.records.length,
      }),
    ),
    competencies: competencies.map(
      (c, n): CompetencyResult => ({
        key: c.competency.key,
        name: c.competency.name,
        weight: c.competency.weight,
        ...(c.rating !== undefined ? { rating: c.rating } : {}),
        ...(c.score !== undefined ? { score: Math.round(c.score * 1e6) / 1e6 } : {}),
        raters: c.raters,
        appliedWeight: partOf(kpis.length + n).appliedWeight,
        points: partOf(kpis.length + n).points,
      }),
    ),
    ratingsRead: {
      ...(one('self') ? { self: one('self')?.version } : {}),
      ...(one('manager') ? { manager: one('manager')?.version } : {}),
      peers: by('peer').length,
    },
  };
}
