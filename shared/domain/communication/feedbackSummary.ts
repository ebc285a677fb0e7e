import type { FeedbackGroup, FeedbackTopic } from './feedback.ts';

/** A count is shown only for at least this many items; text excerpts only for at least `excerpts`. */
export const summaryThresholds = { cell: 5, excerpts: 10 } as const;

export interface SummaryInput {
  topic: FeedbackTopic;
  group?: FeedbackGroup | undefined;
  text: string;
}

/** null: hidden, because it is too small or because it would give a hidden one away. */
export type ShownCount = number | null;

export interface FeedbackSummary {
  thresholds: typeof summaryThresholds;
  topics: FeedbackTopic[];
  rows: {
    group: FeedbackGroup | null;
    counts: ShownCount[];
    total: ShownCount;
    excerpts: { topic: FeedbackTopic; texts: string[] }[];
  }[];
  /** Per topic, over every group. */
  totals: ShownCount[];
  /** Every item; hidden only when it is one group's total too small to show. */
  total: ShownCount;
}

const groupKey = (g: FeedbackGroup | undefined) => (g ? `${g.kind}:${g.id}` : '');

/**
 * Counts by group and topic, with the totals of each. A cell under the threshold is hidden; then, so
 * that no hidden count can be had by subtracting the shown ones from a total, each row and column
 * (totals included) never has exactly one hidden entry: the smallest shown one beside it is hidden
 * too, until none has. The grand total stays unless it is the total of the one group there is.
 */
export function summarizeFeedback(
  items: readonly SummaryInput[],
  topics: readonly FeedbackTopic[],
): FeedbackSummary {
  const groups = [...new Map(items.map((i) => [groupKey(i.group), i.group ?? null])).entries()].sort(
    ([a], [b]) => a.localeCompare(b),
  );
  const R = groups.length;
  const C = topics.length;
  // The table with its margins: rows 0..R-1 and the totals row R; columns 0..C-1 and the totals column C.
  const value: number[][] = Array.from({ length: R + 1 }, () => Array<number>(C + 1).fill(0));
  const rowOf = new Map(groups.map(([key], r) => [key, r]));
  for (const item of items) {
    const r = rowOf.get(groupKey(item.group)) as number;
    const c = topics.indexOf(item.topic);
    if (c < 0) continue;
    for (const [rr, cc] of [
      [r, c],
      [r, C],
      [R, c],
      [R, C],
    ] as const)
      (value[rr] as number[])[cc] = ((value[rr] as number[])[cc] ?? 0) + 1;
  }
  const hidden = value.map((row, r) =>
    row.map((n, c) => !(r === R && c === C) && n < summaryThresholds.cell),
  );
  const at = (r: number, c: number) => (value[r] as number[])[c] as number;
  const isHidden = (r: number, c: number) => (hidden[r] as boolean[])[c] as boolean;
  const lines = [
    ...Array.from({ length: R + 1 }, (_, r) => Array.from({ length: C + 1 }, (_, c) => [r, c] as const)),
    ...Array.from({ length: C + 1 }, (_, c) => Array.from({ length: R + 1 }, (_, r) => [r, c] as const)),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hiddenHere = line.filter(([r, c]) => isHidden(r, c));
      if (hiddenHere.length !== 1) continue;
      // The smallest shown entry; the grand total only when nothing else would do (one group alone).
      const isGrand = (r: number, c: number) => r === R && c === C;
      const candidates = line
        .filter(([r, c]) => !isHidden(r, c))
        .sort(
          ([r1, c1], [r2, c2]) =>
            Number(isGrand(r1, c1)) - Number(isGrand(r2, c2)) || at(r1, c1) - at(r2, c2),
        );
      const [next] = candidates;
      if (!next) continue;
      (hidden[next[0]] as boolean[])[next[1]] = true;
      changed = true;
    }
  }
  const shown = (r: number, c: number): ShownCount => (isHidden(r, c) ? null : at(r, c));
  return {
    thresholds: summaryThresholds,
    topics: [...topics],
    rows: groups.map(([key, group], r) => ({
      group,
      counts: topics.map((_, c) => shown(r, c)),
      total: shown(r, C),
      excerpts: topics.flatMap((topic, c) =>
        !isHidden(r, c) && at(r, c) >= summaryThresholds.excerpts
          ? [
              {
                topic,
                texts: items
                  .filter((i) => i.topic === topic && groupKey(i.group) === key)
                  .slice(0, 3)
                  .map((i) => (i.text.length > 200 ? `${i.text.slice(0, 199)}…` : i.text)),
              },
            ]
          : [],
      ),
    })),
    totals: topics.map((_, c) => shown(R, c)),
    total: shown(R, C),
  };
}
