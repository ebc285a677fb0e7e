import { reportsTo } from '#app/people/index.ts';
import type { EvidenceEntry } from '#domain/evidence/index.ts';
import { resignationChanged, resignationWithdrawn } from '#domain/offboarding/events/index.ts';
import {
  isWaiting,
  type Resignation,
  replanStages,
  requireAcceptableLastWorkingDay,
  type Stage,
  stageNames,
  todayIn,
} from '#domain/offboarding/resignation.ts';
import { accountDisabled, effectivePermissions } from '#domain/people/index.ts';
import type { Permission } from '#domain/permissions.ts';
import { ConflictError, NotFoundError, PermissionDeniedError, requireVersion } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { combineChanges, committing, retryingRaces } from '#kernel/writes.ts';
import { dueStagesChange, stageChange } from './applyStage.ts';
import type { PublishingDeps, ResignationDeps } from './deps.ts';
import { requireSuccessors } from './submitResignation.ts';

const withoutSchedule = ({ scheduleName: _s, ...stage }: Stage) => stage;

export interface ResignationView extends Omit<Resignation, 'stages' | 'revision'> {
  stages: (Omit<Stage, 'scheduleName'> & {
    evidence: Pick<EvidenceEntry, 'seq' | 'at' | 'action' | 'details'>[];
  })[];
  /** What the employee may still do, to compare with the plan. */
  permissionsNow: Permission[];
}

/** The open resignation of an employee, or 404. */
async function openResignation(
  deps: Pick<ResignationDeps, 'resignations'>,
  employeeId: string,
): Promise<Resignation> {
  const resignation = await deps.resignations.latest(employeeId);
  if (resignation?.status !== 'open') throw new NotFoundError(`An open resignation of ${employeeId}`);
  return resignation;
}

/** The employee's managers (with team access) and HR may follow and steer a resignation. */
async function isManagerOrHr(deps: Pick<ResignationDeps, 'employees'>, actor: Principal, employeeId: string) {
  if (actor.permissions.has('offboarding:manage')) return true;
  if (!actor.permissions.has('employee:read:team')) return false;
  const employee = await deps.employees.get(employeeId);
  return employee !== undefined && (await reportsTo(deps.employees, employee, actor.employeeId));
}

/**
 * What follows a submission: HR moves the last working day (every stage is planned again; one now
 * due applies at once), the manager or HR names successors, HR records a withdrawal (future stages
 * are cancelled; what was revoked stays revoked), and those involved read the plan.
 */
export type ManageDeps = Pick<
  ResignationDeps,
  'employees' | 'access' | 'resignations' | 'evidence' | 'clock' | 'policy'
> &
  PublishingDeps;

export function makeManageResignation(deps: ManageDeps) {
  /** A resignation as its readers see it: each stage with the evidence entries that applied it. */
  const view = async (resignation: Resignation): Promise<ResignationView> => {
    const { employeeId } = resignation;
    const entries: EvidenceEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.evidence.find(
        { caseId: resignation.id },
        { limit: 100, ...(startKey ? { startKey } : {}) },
      );
      entries.push(...page.items);
      startKey = page.nextKey;
    } while (startKey);
    const account = await deps.access.getAccess(employeeId);
    const { revision: _counted, ...shown } = resignation;
    return {
      ...shown,
      // The schedule behind a stage is ours to know: its name stays inside.
      stages: stageNames.map((name) => ({
        ...withoutSchedule(resignation.stages[name]),
        evidence: entries
          .filter((e) => e.details.stage === name)
          .sort((a, b) => a.seq - b.seq)
          .map((e) => ({ seq: e.seq, at: e.at, action: e.action, details: e.details })),
      })),
      permissionsNow: account ? effectivePermissions(account).map((p) => p.permission) : [],
    };
  };

  return {
    async change(
      actor: Principal,
      employeeId: string,
      input: {
        lastWorkingDay?: string | undefined;
        successorIds?: string[] | undefined;
        reason: string;
        overrideNotice?: boolean | undefined;
      },
      expectedVersion: number | undefined,
    ): Promise<Resignation> {
      if (input.lastWorkingDay !== undefined || input.overrideNotice)
        requirePermission(actor, 'offboarding:manage');
      else if (!(await isManagerOrHr(deps, actor, employeeId)))
        throw new PermissionDeniedError('Their manager or HR names the successors.');
      // Read, check and write again when the planner's bookkeeping wrote in between.
      return retryingRaces(async () => {
        const before = await openResignation(deps, employeeId);
        requireVersion(before.version, expectedVersion);
        if (input.successorIds) await requireSuccessors(deps, employeeId, input.successorIds);
        const now = deps.clock.now();
        let stages = before.stages;
        const lastWorkingDay = input.lastWorkingDay ?? before.lastWorkingDay;
        if (input.lastWorkingDay !== undefined && input.lastWorkingDay !== before.lastWorkingDay) {
          requireAcceptableLastWorkingDay(
            input.lastWorkingDay,
            { today: todayIn(now, deps.policy.timeZone), maxNoticeDays: deps.policy.maxNoticeDays },
            input.overrideNotice === true,
          );
          stages = replanStages(before, input.lastWorkingDay, now, deps.policy);
        }
        let after: Resignation = {
          ...before,
          lastWorkingDay,
          successorIds: input.successorIds ?? before.successorIds,
          stages,
          version: before.version + 1,
        };
        const [employee, account] = await Promise.all([
          deps.employees.get(employeeId, { consistent: true }),
          deps.access.getAccess(employeeId),
        ]);
        if (!employee || !account) throw new NotFoundError(`Employee ${employeeId}`);
        const at = now.toISOString();
        // A stage the new day makes due applies with the change itself, so the next request already
        // lacks it.
        const due = dueStagesChange(deps, { resignation: after, account, employee, at, trigger: 'replan' });
        after = due.after;
        const { version: _v, createdAt: _c, updatedAt: _u, directReports: _d, ...fields } = employee;
        const parts = [deps.resignations.prepareUpdate(before, after), ...due.parts];
        if (employee.lastWorkingDay !== lastWorkingDay) {
          parts.push(deps.employees.prepareUpdate(employee, { ...fields, lastWorkingDay }, at));
        }
        await committing(combineChanges(...parts), (writes) =>
          deps.evidence.append(
            [
              {
                actor: actor.employeeId,
                action: 'resignation.changed',
                subject: `employee:${employeeId}`,
                caseId: before.id,
                reason: input.reason,
                details: {
                  lastWorkingDay: { from: before.lastWorkingDay, to: lastWorkingDay },
                  successorIds: { from: before.successorIds, to: after.successorIds },
                  appliedAtOnce: due.applied,
                },
              },
              ...due.drafts,
            ],
            { alongside: writes },
          ),
        );
        // The planner moves the schedules of the stages still ahead, and drops those applied now.
        await deps.bus.publish([eventOf(resignationChanged, { employeeId, resignationId: before.id })]);
        return after;
      });
    },

    /**
     * HR ends a leaver's access before its time (the account stage, now), with a reason that goes into
     * the evidence. The account is disabled with this request; AccountDisabled has the identity follow.
     */
    async endAccess(actor: Principal, employeeId: string, reason: string): Promise<Resignation> {
      requirePermission(actor, 'offboarding:manage');
      return retryingRaces(async () => {
        const before = await openResignation(deps, employeeId);
        const stage = before.stages.account;
        if (!isWaiting(stage))
          throw new ConflictError(
            'access_ended',
            `${employeeId}'s account stage is already ${stage.status}.`,
          );
        const [employee, account] = await Promise.all([
          deps.employees.get(employeeId, { consistent: true }),
          deps.access.getAccess(employeeId),
        ]);
        if (!employee || !account) throw new NotFoundError(`Employee ${employeeId}`);
        const at = deps.clock.now().toISOString();
        const applied = stageChange(deps, {
          resignation: before,
          stage: 'account',
          account,
          employee,
          at,
          trigger: 'hr',
        });
        const after: Resignation = { ...applied.after, version: before.version + 1 };
        await committing(
          combineChanges(deps.resignations.prepareUpdate(before, after), ...applied.parts),
          (writes) =>
            deps.evidence.append(
              [
                {
                  actor: actor.employeeId,
                  action: 'access.ended-early',
                  subject: `employee:${employeeId}`,
                  caseId: before.id,
                  reason,
                  details: { stage: 'account', plannedFor: stage.dueAt },
                },
                ...applied.drafts,
              ],
              { alongside: writes },
            ),
        );
        await deps.bus.publish([eventOf(accountDisabled, { employeeId })]);
        return after;
      });
    },

    async withdraw(actor: Principal, employeeId: string, reason: string): Promise<Resignation> {
      requirePermission(actor, 'offboarding:manage');
      return retryingRaces(async () => {
        const before = await openResignation(deps, employeeId);
        const now = deps.clock.now();
        const cancelled = stageNames.filter((n) => before.stages[n].status !== 'applied');
        const after: Resignation = {
          ...before,
          status: 'withdrawn',
          version: before.version + 1,
          stages: Object.fromEntries(
            stageNames.map((n) => [
              n,
              cancelled.includes(n) ? { ...before.stages[n], status: 'cancelled' } : before.stages[n],
            ]),
          ) as Resignation['stages'],
        };
        const employee = await deps.employees.get(employeeId, { consistent: true });
        if (!employee) throw new NotFoundError(`Employee ${employeeId}`);
        if (employee.status === 'left')
          throw new ConflictError('already_left', `${employeeId} has already left.`);
        const {
          version: _v,
          createdAt: _c,
          updatedAt: _u,
          directReports: _d,
          lastWorkingDay: _l,
          ...fields
        } = employee;
        await committing(
          combineChanges(
            deps.resignations.prepareUpdate(before, after),
            deps.employees.prepareUpdate(employee, { ...fields, status: 'active' }, now.toISOString()),
          ),
          (writes) =>
            deps.evidence.append(
              [
                {
                  actor: actor.employeeId,
                  action: 'resignation.withdrawn',
                  subject: `employee:${employeeId}`,
                  caseId: before.id,
                  reason,
                  details: {
                    cancelled,
                    staysApplied: stageNames.filter((n) => !cancelled.includes(n)),
                    note: 'What was revoked stays revoked until HR grants it again.',
                  },
                },
              ],
              { alongside: writes },
            ),
        );
        // The planner deletes the cancelled stages' schedules (one that fires first finds nothing to do).
        await deps.bus.publish([eventOf(resignationWithdrawn, { employeeId, resignationId: before.id })]);
        return after;
      });
    },

    async read(actor: Principal, employeeId: string): Promise<ResignationView> {
      if (actor.employeeId !== employeeId && !(await isManagerOrHr(deps, actor, employeeId)))
        throw new PermissionDeniedError('The employee, their managers and HR read a resignation.');
      const resignation = await deps.resignations.latest(employeeId);
      if (!resignation) throw new NotFoundError(`A resignation of ${employeeId}`);
      return view(resignation);
    },

    view,
  };
}
