import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coarsenedGroup,
  type FeedbackGroup,
  feedbackTopics,
  summarizeFeedback,
  summaryThresholds,
} from '#domain/communication/index.ts';

const groups: FeedbackGroup[] = ['D01', 'D02', 'D03', 'D04'].map((id) => ({
  kind: 'department',
  id,
  name: id,
}));
const items = fc.array(
  fc.record({
    topic: fc.constantFrom(...feedbackTopics),
    group: fc.option(fc.constantFrom(...groups), { nil: undefined }),
    text: fc.constant('text'),
  }),
  { maxLength: 120 },
);

/** The table as a reader sees it: every row with its total, then the totals row with the grand total. */
function lines(summary: ReturnType<typeof summarizeFeedback>) {
  const table = [
    ...summary.rows.map((r) => [...r.counts, r.total]),
    [...summary.totals, summary.total as number | null],
  ];
  const columns = (table[0] ?? []).map((_, c) => table.map((row) => row[c] ?? null));
  return [...table, ...columns];
}

describe('the feedback summary', () => {
  it('shows no count under five, and never one hidden count beside shown ones that add up to a total', () => {
    fc.assert(
      fc.property(items, (input) => {
        const summary = summarizeFeedback(input, feedbackTopics);
        for (const line of lines(summary)) {
          const shown = line.filter((n): n is number => n !== null);
          expect(shown.slice(0, -1).every((n) => n >= summaryThresholds.cell) || shown.length === 0).toBe(
            true,
          );
          // Exactly one hidden entry in a line whose other entries (and total) show would be found by
          // subtraction (a line of one entry, with no groups at all, has nothing to subtract from).
          if (line.length > 1) expect(line.filter((n) => n === null).length).not.toBe(1);
        }
        expect([input.length, null]).toContain(summary.total);
      }),
      { numRuns: 500 },
    );
  });

  it('quotes texts only from a cell of at least ten', () => {
    fc.assert(
      fc.property(items, (input) => {
        const summary = summarizeFeedback(input, feedbackTopics);
        for (const row of summary.rows)
          for (const excerpt of row.excerpts) {
            const c = feedbackTopics.indexOf(excerpt.topic);
            expect(row.counts[c]).toBeGreaterThanOrEqual(summaryThresholds.excerpts);
          }
      }),
    );
  });

  it('shows a count of five and more, and hides the next smallest beside a hidden one', () => {
    const of = (group: FeedbackGroup, topic: (typeof feedbackTopics)[number], n: number) =>
      Array.from({ length: n }, () => ({ group, topic, text: 't' }));
    const [a, b] = groups as [FeedbackGroup, FeedbackGroup];
    const summary = summarizeFeedback(
      [...of(a, 'pay', 12), ...of(a, 'overtime', 6), ...of(a, 'workload', 2), ...of(b, 'pay', 9)],
      feedbackTopics,
    );
    // Row a: pay 12, overtime 6, workload 2 (hidden) → overtime, the next smallest, is hidden with it.
    expect(summary.rows[0]?.counts.slice(0, 3)).toEqual([12, null, null]);
    expect(summary.rows[0]?.excerpts.map((e) => e.topic)).toEqual(['pay']);
  });
});

describe('a group label', () => {
  const departments: Record<string, { size: number; name: string; parentId?: string }> = {
    D01: { size: 47, name: 'Company' },
    D05: { size: 2, name: 'Admin', parentId: 'D01' },
    D09: { size: 4, name: 'Tiny', parentId: 'D05' },
    D02: { size: 12, name: 'Sales', parentId: 'D01' },
  };
  const sizes = {
    department: (id: string) => departments[id],
    site: (id: string) => (id === 'Lhasa' ? { size: 4 } : { size: 30 }),
  };

  it('stands for at least five people: a smaller group is named by the next larger one, or not at all', () => {
    expect(coarsenedGroup({ kind: 'department', id: 'D02' }, sizes)).toMatchObject({ id: 'D02' });
    expect(coarsenedGroup({ kind: 'department', id: 'D09' }, sizes)).toMatchObject({ id: 'D01' });
    expect(coarsenedGroup({ kind: 'site', id: 'Lhasa' }, sizes)).toBeUndefined();
    expect(coarsenedGroup({ kind: 'site', id: 'Shanghai' }, sizes)).toMatchObject({
      kind: 'site',
      id: 'Shanghai',
    });
    expect(coarsenedGroup({ kind: 'department', id: 'D99' }, sizes)).toBeUndefined();
  });
});
