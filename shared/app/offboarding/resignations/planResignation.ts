import {
  accountNoticeLeadMs,
  endOfLastWorkingDay,
  isWaiting,
  noticeScheduleNameOf,
  type Resignation,
  type StageName,
  scheduleNameOf,
  stageNames,
} from '#domain/offboarding/resignation.ts';
import { isDomainError } from '#kernel/errors.ts';
import { committing, retryingRaces } from '#kernel/writes.ts';
import { makeAccountNotice } from './accountNotice.ts';
import { makeApplyStage, type StageTrigger } from './applyStage.ts';
import type { ResignationDeps } from './deps.ts';

const waiting = (r: Resignation, name: StageName) => isWaiting(r.stages[name]);

/**
 * Puts a resignation's plan into effect: stages that are due are applied now, later ones get a
 * one-time schedule (made again, at its time, when it already exists: a moved date moves it), and so
 * does the account's notice a day ahead. Repeating it is harmless. Returns the stages it applied.
 */
export const makePlanResignation = (deps: ResignationDeps) => {
  const applyStage = makeApplyStage(deps);
  const notice = makeAccountNotice(deps);
  const plan = async (
    employeeId: string,
    resignationId: string,
    trigger: StageTrigger = 'submission',
  ): Promise<StageName[]> => {
    const first = await deps.resignations.get(employeeId, resignationId);
    if (first?.status !== 'open') return [];
    const applied: StageName[] = [];
    for (const name of stageNames) {
      if (!waiting(first, name) || new Date(first.stages[name].dueAt) > deps.clock.now()) continue;
      if ((await applyStage({ employeeId, resignationId, stage: name, trigger })) === 'applied')
        applied.push(name);
    }
    await scheduleAhead(employeeId, resignationId);
    return applied;
  };

  /** Every stage still ahead gets its schedule (at its current time), and the account its notice. */
  const scheduleAhead = async (employeeId: string, resignationId: string) => {
    const resignation = await deps.resignations.get(employeeId, resignationId);
    if (resignation?.status !== 'open') return;
    const unrecorded: StageName[] = [];
    for (const name of stageNames) {
      const stage = resignation.stages[name];
      // Applied some other way than by its schedule (a moved day, the offboarding's end): the
      // schedule has nothing left to do.
      if (stage.status === 'applied' && stage.scheduleName && stage.appliedBy !== 'schedule')
        await deps.scheduler.cancel(stage.scheduleName);
      if (!waiting(resignation, name)) continue;
      const scheduleName = scheduleNameOf(resignation, name);
      await deps.scheduler.schedule({
        name: scheduleName,
        at: new Date(stage.dueAt),
        target: deps.revocationTarget,
        payload: { employeeId, resignationId, stage: name },
      });
      if (stage.status !== 'scheduled' || stage.scheduleName !== scheduleName) unrecorded.push(name);
    }
    if (unrecorded.length > 0) await recordScheduled(deps, employeeId, resignationId, unrecorded);
    await planNotice(resignation);
    if (resignation.attention) await clearAttention(employeeId, resignationId);
  };

  /** The plan is in effect again: what needed attention is over, and the evidence says so. */
  const clearAttention = (employeeId: string, resignationId: string) =>
    retryingRaces(async () => {
      const before = await deps.resignations.get(employeeId, resignationId);
      if (!before?.attention) return;
      const { attention, ...after } = before;
      await committing(deps.resignations.prepareUpdate(before, after), (writes) =>
        deps.evidence.append(
          [
            {
              actor: 'system',
              action: 'background.recovered',
              subject: `employee:${employeeId}`,
              caseId: resignationId,
              details: { step: attention.step, failedAt: attention.at },
            },
          ],
          { alongside: writes },
        ),
      );
    });

  /** The account's notice goes a day ahead of it; when that time has passed, at once. */
  const planNotice = async (resignation: Resignation) => {
    const { employeeId, id: resignationId } = resignation;
    const account = resignation.stages.account;
    const name = noticeScheduleNameOf(resignation);
    if (!isWaiting(account)) return deps.scheduler.cancel(name);
    const at = new Date(new Date(account.dueAt).getTime() - accountNoticeLeadMs);
    if (at > deps.clock.now()) {
      await deps.scheduler.schedule({
        name,
        at,
        target: deps.revocationTarget,
        payload: { employeeId, resignationId, stage: 'account', notice: true },
      });
      return;
    }
    await deps.scheduler.cancel(name);
    await notice(employeeId, resignationId);
  };

  /**
   * The handover is complete: the account goes now if the last working day has ended, else at its
   * end (moved there, with evidence, and scheduled with its notice), so nobody loses access while
   * still at work. Repeating it changes nothing.
   */
  const complete = async (employeeId: string, resignationId: string) => {
    const current = await deps.resignations.get(employeeId, resignationId);
    if (current?.status !== 'open') return;
    const end = endOfLastWorkingDay(current.lastWorkingDay, deps.policy.timeZone);
    if (end <= deps.clock.now()) {
      await applyStage({ employeeId, resignationId, stage: 'account', trigger: 'completion' });
      return;
    }
    await retryingRaces(async () => {
      const before = await deps.resignations.get(employeeId, resignationId);
      const account = before?.stages.account;
      if (before?.status !== 'open' || !account || !isWaiting(account)) return;
      if (new Date(account.dueAt) <= end) return;
      const after: Resignation = {
        ...before,
        stages: { ...before.stages, account: { ...account, dueAt: end.toISOString() } },
      };
      await committing(deps.resignations.prepareUpdate(before, after), (writes) =>
        deps.evidence.append(
          [
            {
              actor: 'system',
              action: 'revocation.stage-moved',
              subject: `employee:${employeeId}`,
              caseId: resignationId,
              reason: 'The handover was completed before the end of the last working day',
              details: { stage: 'account', from: account.dueAt, to: end.toISOString() },
            },
          ],
          { alongside: writes },
        ),
      );
    });
    await scheduleAhead(employeeId, resignationId);
  };

  /** A withdrawn resignation's cancelled stages lose their schedules. */
  const unschedule = async (employeeId: string, resignationId: string) => {
    const resignation = await deps.resignations.get(employeeId, resignationId);
    if (resignation?.status !== 'withdrawn') return;
    for (const name of stageNames) {
      if (resignation.stages[name].status === 'cancelled')
        await deps.scheduler.cancel(scheduleNameOf(resignation, name));
    }
    await deps.scheduler.cancel(noticeScheduleNameOf(resignation));
  };

  return { plan, unschedule, complete };
};

/** Marks stages as scheduled, under their schedule names, in one update. */
async function recordScheduled(
  deps: ResignationDeps,
  employeeId: string,
  resignationId: string,
  names: readonly StageName[],
) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const resignation = await deps.resignations.get(employeeId, resignationId);
    if (resignation?.status !== 'open') return;
    const stages = { ...resignation.stages };
    for (const name of names) {
      // A stage applied meanwhile stays applied; its schedule will find nothing to do.
      if (isWaiting(stages[name]))
        stages[name] = {
          ...stages[name],
          status: 'scheduled',
          scheduleName: scheduleNameOf(resignation, name),
        };
    }
    const after: Resignation = { ...resignation, stages };
    try {
      await committing(deps.resignations.prepareUpdate(resignation, after), (writes) =>
        deps.writes.commit(writes),
      );
      return;
    } catch (error) {
      if (!(isDomainError(error) && error.code === 'stale_version')) throw error;
    }
  }
}
