import { minimumPeers, type RaterWeights } from './template.ts';

/** One weighted part of a score: a KPI's progress or a competency's rating, or nothing when it does not apply. */
export interface ScoreComponent {
  key: string;
  kind: 'kpi' | 'competency';
  weight: number;
  /** 0 to the KPI's cap (1 is complete); undefined when the component does not apply to this person. */
  score: number | undefined;
}

export interface ScorePart extends ScoreComponent {
  /** The weight it carries once the components that do not apply are left out (they total 100). */
  appliedWeight: number;
  /** Points it adds to the final score. */
  points: number;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The weighted sum, renormalised over the components that apply: one that does not apply (a team KPI
 * for someone without a team, a rating nobody gave) neither counts nor drags the others down.
 * Undefined when nothing applies.
 */
export function weightedScore(components: readonly ScoreComponent[]): {
  score: number | undefined;
  parts: ScorePart[];
} {
  const applying = components.filter((c) => c.score !== undefined).reduce((sum, c) => sum + c.weight, 0);
  const parts = components.map((c) => {
    const appliedWeight = c.score === undefined || applying === 0 ? 0 : (c.weight * 100) / applying;
    return { ...c, appliedWeight: round(appliedWeight, 4), points: round(appliedWeight * (c.score ?? 0), 4) };
  });
  if (applying === 0) return { score: undefined, parts };
  const score = components.reduce((sum, c) => sum + (c.score === undefined ? 0 : c.weight * c.score), 0);
  return { score: round((score * 100) / applying, 2), parts };
}

export interface Ratings {
  self?: number | undefined;
  manager?: number | undefined;
  peers: readonly number[];
}

/**
 * One rating from the raters' ratings: the weighted average of self, manager and the peers' average,
 * over those given; the peers count only when at least three rated. Undefined when none counts.
 */
export function combinedRating(ratings: Ratings, weights: RaterWeights) {
  const peers =
    ratings.peers.length >= minimumPeers
      ? ratings.peers.reduce((a, b) => a + b, 0) / ratings.peers.length
      : undefined;
  const given = (
    [
      ['self', ratings.self],
      ['manager', ratings.manager],
      ['peers', peers],
    ] as const
  ).filter(
    (entry): entry is readonly [keyof RaterWeights, number] =>
      entry[1] !== undefined && weights[entry[0]] > 0,
  );
  const total = given.reduce((sum, [who]) => sum + weights[who], 0);
  if (total === 0) return { rating: undefined, peers };
  return {
    rating: round(given.reduce((sum, [who, r]) => sum + weights[who] * r, 0) / total, 4),
    peers,
  };
}

/** A rating of 1–5 as a component's score: 1 is 0, 3 is half, 5 is full. */
export const ratingScore = (rating: number) => (rating - 1) / 4;
