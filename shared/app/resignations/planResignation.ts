import { isDomainError } from '#domain/errors.ts';
import { type Resignation, type StageName, scheduleNameOf, stageNames } from '#domain/resignation.ts';
import { committing } from '#ports/writes.ts';
import { makeApplyStage, type StageTrigger } from './applyStage.ts';
import type { ResignationDeps } from './deps.ts';

/**
 * Puts a resignation's plan into effect: stages that are due are applied now, later ones get a
 * one-time schedule (made again, at its time, when it already exists: a moved date moves it).
 * Repeating it is harmless. Returns the stages it applied.
 */
export const makePlanResignation = (deps: ResignationDeps) => {
  const applyStage = makeApplyStage(deps);
  const plan = async (
    employeeId: string,
    resignationId: string,
    trigger: StageTrigger = 'submission',
  ): Promise<StageName[]> => {
    const applied: StageName[] = [];
    for (const name of stageNames) {
      const resignation = await deps.resignations.get(employeeId, resignationId);
      if (resignation?.status !== 'open') return applied;
      const stage = resignation.stages[name];
      // Applied some other way than by its schedule (a moved day, the offboarding's end): the
      // schedule has nothing left to do.
      if (stage.status === 'applied' && stage.scheduleName && stage.appliedBy !== 'schedule')
        await deps.scheduler.cancel(stage.scheduleName);
      if (stage.status === 'applied' || stage.status === 'cancelled') continue;
      if (new Date(stage.dueAt) <= deps.clock.now()) {
        if ((await applyStage({ employeeId, resignationId, stage: name, trigger })) === 'applied')
          applied.push(name);
        continue;
      }
      const scheduleName = scheduleNameOf(resignation, name);
      await deps.scheduler.schedule({
        name: scheduleName,
        at: new Date(stage.dueAt),
        target: deps.revocationTarget,
        payload: { employeeId, resignationId, stage: name },
      });
      if (stage.status !== 'scheduled' || stage.scheduleName !== scheduleName) {
        await recordScheduled(deps, resignation, name, scheduleName);
      }
    }
    return applied;
  };

  /** A withdrawn resignation's cancelled stages lose their schedules. */
  const unschedule = async (employeeId: string, resignationId: string) => {
    const resignation = await deps.resignations.get(employeeId, resignationId);
    if (resignation?.status !== 'withdrawn') return;
    for (const name of stageNames) {
      if (resignation.stages[name].status === 'cancelled')
        await deps.scheduler.cancel(scheduleNameOf(resignation, name));
    }
  };

  return { plan, unschedule };
};

async function recordScheduled(
  deps: ResignationDeps,
  resignation: Resignation,
  name: StageName,
  scheduleName: string,
) {
  const after: Resignation = {
    ...resignation,
    version: resignation.version + 1,
    stages: {
      ...resignation.stages,
      [name]: { ...resignation.stages[name], status: 'scheduled', scheduleName },
    },
  };
  try {
    await committing(deps.resignations.prepareUpdate(resignation, after), (writes) =>
      deps.writes.commit(writes),
    );
  } catch (error) {
    // Changed meanwhile (a stage applied by another delivery): the schedule stands regardless.
    if (!(isDomainError(error) && error.code === 'stale_version')) throw error;
  }
}
