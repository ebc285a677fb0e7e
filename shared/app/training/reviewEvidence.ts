import type { SkillEvidence } from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import type { ReviewCycleStore, ReviewResultStore } from '#ports/performance/index.ts';
import type { SkillStore } from '#ports/training/index.ts';

/**
 * A released cycle's ratings of competencies that name a skill become evidence of its level — the
 * rating rounded, on the period's end, referring to the cycle — once per person, skill and cycle
 * however often the release is told.
 */
export function makeReviewEvidence(deps: {
  cycles: Pick<ReviewCycleStore, 'get'>;
  results: Pick<ReviewResultStore, 'results'>;
  skills: Pick<SkillStore, 'getMany'>;
  add: (employeeId: string, evidence: readonly SkillEvidence[]) => Promise<unknown>;
  record: (employeeId: string) => Promise<{ evidence: readonly SkillEvidence[] } | undefined>;
  clock: Clock;
}) {
  return async (cycleId: string) => {
    const cycle = await deps.cycles.get(cycleId);
    if (cycle?.status !== 'released') return { recorded: 0 };
    const linked = new Map(
      cycle.templates.map((t) => [
        t.id,
        new Map(t.competencies.flatMap((c) => (c.skillId ? [[c.key, c.skillId]] : []))),
      ]),
    );
    const known = await deps.skills.getMany([
      ...new Set([...linked.values()].flatMap((m) => [...m.values()])),
    ]);
    const reference = `review:${cycleId}`;
    let recorded = 0;
    for (const result of await deps.results.results(cycleId)) {
      const skills = linked.get(result.templateId);
      if (!skills || skills.size === 0) continue;
      const evidence = result.competencies.flatMap((c): SkillEvidence[] => {
        const skillId = skills.get(c.key);
        return skillId && known.has(skillId) && c.rating !== undefined
          ? [
              {
                skillId,
                level: Math.min(5, Math.max(1, Math.round(c.rating))),
                source: 'review_rating',
                on: cycle.period.end,
                reference,
                note: `${c.name.en}: ${c.rating}`,
                recordedBy: 'system',
                recordedAt: deps.clock.now().toISOString(),
              },
            ]
          : [];
      });
      const already = new Set(
        ((await deps.record(result.employeeId))?.evidence ?? [])
          .filter((e) => e.reference === reference)
          .map((e) => e.skillId),
      );
      const fresh = evidence.filter((e) => !already.has(e.skillId));
      if (fresh.length === 0) continue;
      await deps.add(result.employeeId, fresh);
      recorded += fresh.length;
    }
    return { recorded };
  };
}
