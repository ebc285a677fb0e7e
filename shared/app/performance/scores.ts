import { readerStanding } from '#app/people/index.ts';
import {
  computeResult,
  type KpiResult,
  type ReviewCycle,
  type ReviewResult,
} from '#domain/performance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { NotFoundError } from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { ReviewCycleStore, ReviewResultStore } from '#ports/performance/index.ts';
import { type MeasureInputDeps, makeMeasureInputs } from './measureInputs.ts';

export interface ScoreDeps extends MeasureInputDeps {
  cycles: Pick<ReviewCycleStore, 'get' | 'participants' | 'ratingsOf'>;
  results: Pick<ReviewResultStore, 'resultsOf'>;
  employees: MeasureInputDeps['employees'] & Pick<EmployeeStore, 'get'>;
  clock: Clock;
}

const counted = (k: KpiResult) =>
  new Map(k.records.map((r) => [r.kind === 'member' ? `member:${r.employeeId}` : `deal:${r.id}`, r.counted]));

/** Where a KPI computed again from today's records differs from what was released. */
function differences(released: ReviewResult, now: ReviewResult) {
  return released.kpis.flatMap((before) => {
    const after = now.kpis.find((k) => k.kpiId === before.kpiId);
    if (!after) return [];
    const was = counted(before);
    const is = counted(after);
    const added = [...is.keys()].filter((key) => !was.has(key));
    const removed = [...was.keys()].filter((key) => !is.has(key));
    const changed = [...is.keys()].filter((key) => was.has(key) && was.get(key) !== is.get(key));
    if (before.actual === after.actual && added.length + removed.length + changed.length === 0) return [];
    return [
      {
        kpiId: before.kpiId,
        released: { actual: before.actual, progress: before.progress },
        now: { actual: after.actual, progress: after.progress },
        recordsAdded: added,
        recordsRemoved: removed,
        recordsCountedDifferently: changed,
      },
    ];
  });
}

/**
 * Someone's scores, cycle by cycle: what was released, never changed afterwards; and, for a released
 * one, the same computation from today's records beside it, so a correction made after release shows
 * as a difference rather than silently changing a released score. The employee sees released results;
 * their management line and HR also those computed and not yet released.
 */
export function makeScores(deps: ScoreDeps) {
  const measureInputs = makeMeasureInputs(deps);

  const recomputed = async (cycle: ReviewCycle, released: ReviewResult) => {
    const participant = (await deps.cycles.participants(cycle.id)).find(
      (p) => p.employeeId === released.employeeId,
    );
    if (!participant) return undefined;
    const ratings = await deps.cycles.ratingsOf(cycle.id, participant.employeeId);
    const people = await measureInputs(cycle, [participant]);
    const now = computeResult(
      cycle,
      participant,
      ratings,
      people,
      released.run,
      deps.clock.now().toISOString(),
    );
    const found = differences(released, now);
    return {
      at: now.computedAt,
      ...(now.score !== undefined ? { score: now.score } : {}),
      same: found.length === 0 && now.score === released.score,
      differences: found,
    };
  };

  return {
    async of(actor: Principal, employeeId: string, page: PageRequest) {
      const standing = (await readerStanding(deps.employees, actor, employeeId, 'performance:read:all'))?.as;
      if (!standing) throw new NotFoundError(`Employee ${employeeId}`);
      const found = await deps.results.resultsOf(employeeId, page);
      const cycles = new Map<string, ReviewCycle | undefined>();
      const items = [];
      for (const result of found.items) {
        if (!cycles.has(result.cycleId)) cycles.set(result.cycleId, await deps.cycles.get(result.cycleId));
        const cycle = cycles.get(result.cycleId);
        if (!cycle) continue;
        const released = cycle.status === 'released';
        if (!released && standing === 'self') continue;
        items.push({
          cycleId: cycle.id,
          cycleName: cycle.name,
          period: cycle.period,
          released,
          ...(cycle.releasedAt ? { releasedAt: cycle.releasedAt } : {}),
          result,
          ...(released ? { recomputed: await recomputed(cycle, result) } : {}),
        });
      }
      return { items, ...(found.nextKey ? { nextKey: found.nextKey } : {}) };
    },
  };
}
