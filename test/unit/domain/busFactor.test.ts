import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busFactor, type Coverage } from '#domain/risk/index.ts';

/** A team of up to 8 people and up to 12 customers, each with a revenue and the people who know it. */
const people = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const coverage = fc.array(
  fc.record({
    revenue: fc.integer({ min: 0, max: 1_000_000 }),
    knowers: fc.uniqueArray(fc.constantFrom(...people), { maxLength: 4 }),
  }),
  { minLength: 1, maxLength: 12 },
);

/** The fewest people whose removal orphans more than half of the revenue, by trying every set. */
function bruteForce(c: readonly Coverage[]): number {
  const total = c.reduce((s, x) => s + x.revenue, 0);
  if (total === 0) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 1 << people.length; mask++) {
    const gone = new Set(people.filter((_, i) => mask & (1 << i)));
    const orphaned = c.reduce((s, x) => (x.knowers.every((k) => gone.has(k)) ? s + x.revenue : s), 0);
    if (orphaned > total / 2) best = Math.min(best, gone.size);
  }
  return best;
}

describe('the revenue bus factor', () => {
  it('is the fewest people whose departure orphans more than half of the revenue (against every set)', () => {
    fc.assert(
      fc.property(coverage, (c) => {
        const found = busFactor(c);
        expect(found.method).toBe('exact');
        expect(found.value).toBe(bruteForce(c));
      }),
      { numRuns: 300 },
    );
  });

  it('never rises when a knowledge link is removed', () => {
    fc.assert(
      fc.property(coverage, fc.nat(), fc.nat(), (c, pickCustomer, pickKnower) => {
        const withKnowers = c.map((x, i) => [x, i] as const).filter(([x]) => x.knowers.length > 0);
        fc.pre(withKnowers.length > 0);
        const [target, index] = withKnowers[pickCustomer % withKnowers.length] as readonly [Coverage, number];
        const dropped = target.knowers[pickKnower % target.knowers.length];
        const fewer = c.map((x, i) =>
          i === index ? { ...x, knowers: x.knowers.filter((k) => k !== dropped) } : x,
        );
        expect(busFactor(fewer).value).toBeLessThanOrEqual(busFactor(c).value);
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 when one person alone knows more than half of the revenue', () => {
    fc.assert(
      fc.property(coverage, fc.integer({ min: 1, max: 1_000_000 }), (others, extra) => {
        const rest = others.reduce((s, x) => s + x.revenue, 0);
        // A's own customer is worth more than everything else together.
        const c = [
          { revenue: rest + extra, knowers: ['A'] },
          ...others.map((x) => ({ ...x, knowers: [...new Set([...x.knowers, 'B'])] })),
        ];
        expect(busFactor(c)).toMatchObject({ value: 1, people: ['A'] });
      }),
      { numRuns: 200 },
    );
  });

  it('settles for the greedy answer, and says so, when the team is too large to search', () => {
    // 60 people, 240 customers each known by a distinct pair: the search space is too large.
    const many = Array.from({ length: 240 }, (_, i) => ({
      revenue: 1000 + (i % 7),
      knowers: [`P${i % 60}`, `P${(i * 7 + 3) % 60}`],
    }));
    const found = busFactor(many);
    expect(found.method).toBe('greedy');
    expect(found.people).toHaveLength(found.value);
    expect(found.orphanedMinor).toBeGreaterThan(found.totalMinor / 2);
  });
});
