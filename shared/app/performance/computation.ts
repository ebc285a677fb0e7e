import type { Messenger } from '#app/communication/index.ts';
import { computeResult, type ReviewCycle } from '#domain/performance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import type { ReviewCycleStore, ReviewResultStore } from '#ports/performance/index.ts';
import { changingCycle } from './cycles.ts';
import { type MeasureInputDeps, makeMeasureInputs } from './measureInputs.ts';

export interface ComputationDeps extends MeasureInputDeps {
  cycles: ReviewCycleStore;
  results: ReviewResultStore;
  tell: Messenger;
  clock: Clock;
}

/**
 * A cycle's computation, as the ReviewComputation workflow runs it (HR asks for a run: cycles.ts). It plans it by department, computes each department's participants from
 * the records as of the period's end, and finishes it. A task of a run that a newer one superseded
 * does nothing; a department already done in its run is skipped, so a retried or redriven run resumes.
 */
export function makeReviewComputation(deps: ComputationDeps) {
  const { cycles, results, clock } = deps;

  const changeCycle = (id: string, next: (before: ReviewCycle) => ReviewCycle) =>
    changingCycle(cycles, id, next);

  const current = (cycle: ReviewCycle | undefined, run: number) =>
    cycle !== undefined && cycle.computation?.run === run && cycle.status === 'computing';

  const peopleAsOf = makeMeasureInputs(deps);

  return {
    /** The departments to compute, one Map iteration each; none for a superseded run. */
    async plan(cycleId: string, run: number) {
      const cycle = await cycles.get(cycleId);
      if (!current(cycle, run)) return { cycleId, run, departments: [] as string[] };
      const participants = await cycles.participants(cycleId);
      return { cycleId, run, departments: [...new Set(participants.map((p) => p.departmentId))].sort() };
    },

    async computeDepartment(cycleId: string, run: number, departmentId: string) {
      const cycle = await cycles.get(cycleId);
      if (!cycle || !current(cycle, run)) return { computed: 0, skipped: 'superseded' };
      if (await results.isDone(cycleId, run, departmentId)) return { computed: 0, skipped: 'done' };
      const participants = (await cycles.participants(cycleId)).filter(
        (p) => p.departmentId === departmentId,
      );
      const people = await peopleAsOf(cycle, participants);
      const at = clock.now().toISOString();
      const computed = [];
      for (const participant of participants)
        computed.push(
          computeResult(
            cycle,
            participant,
            await cycles.ratingsOf(cycleId, participant.employeeId),
            people,
            run,
            at,
          ),
        );
      await results.saveDepartment(cycleId, run, departmentId, computed);
      return { computed: computed.length };
    },

    async finish(cycleId: string, run: number) {
      const at = clock.now().toISOString();
      const cycle = await changeCycle(cycleId, (before) =>
        current(before, run) && before.computation
          ? {
              ...before,
              status: 'computed',
              computation: { ...before.computation, finishedAt: at },
              version: before.version + 1,
            }
          : before,
      );
      return { status: cycle.status };
    },

    /** A run that failed after its retries: the cycle says so and HR is told; a new run may be asked for. */
    async fail(cycleId: string, run: number, reason: string) {
      const at = clock.now().toISOString();
      const cycle = await changeCycle(cycleId, (before) =>
        current(before, run) && before.computation
          ? {
              ...before,
              status: 'open',
              computation: { ...before.computation, failed: { at, reason: reason.slice(0, 1000) } },
              version: before.version + 1,
            }
          : before,
      );
      await deps.tell(
        [{ shared: 'hr' }],
        'background.failed',
        { step: 'ReviewComputation', subject: `cycle ${cycleId} run ${run}`, reason: reason.slice(0, 300) },
        { dedupeKey: `review-computation-failed|${cycleId}|${run}`, link: `/v1/review-cycles/${cycleId}` },
      );
      return { status: cycle.status };
    },
  };
}
