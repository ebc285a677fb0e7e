import { randomBytes } from 'node:crypto';
import { resignationSubmitted } from '#domain/offboarding/events/index.ts';
import {
  planStages,
  type Resignation,
  requireAcceptableLastWorkingDay,
  resignationId,
  todayIn,
} from '#domain/offboarding/resignation.ts';
import { ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import type { Principal } from '#kernel/principal.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import { dueStagesChange } from './applyStage.ts';
import type { PublishingDeps, ResignationDeps } from './deps.ts';

export interface ResignationInput {
  lastWorkingDay: string;
  reason: string;
  notes?: string | undefined;
  successorIds?: string[] | undefined;
  /** HR may accept a last working day beyond the notice period. */
  overrideNotice?: boolean | undefined;
  /** HR may choose the offboarding template. */
  templateId?: string | undefined;
}

/** Whoever manages offboarding acts for the company; anyone else only for themselves. */
export function requireSelfOrHr(actor: Principal, employeeId: string): void {
  if (actor.employeeId !== employeeId && !actor.permissions.has('offboarding:manage')) {
    throw new PermissionDeniedError('Only the employee, or HR on their behalf, may do this.');
  }
}

export async function requireSuccessors(
  deps: Pick<ResignationDeps, 'employees'>,
  employeeId: string,
  ids: readonly string[],
) {
  const found = await deps.employees.getMany(ids);
  const problems = ids.flatMap((id, i) => {
    const successor = found.get(id);
    if (successor?.status !== 'active')
      return [{ field: `successorIds.${i}`, message: `${id} is not a current employee` }];
    return id === employeeId ? [{ field: `successorIds.${i}`, message: 'Nobody succeeds themselves' }] : [];
  });
  if (problems.length > 0)
    throw new InvalidInputError('Some successors cannot take over.', problems, 'invalid_successor');
}

/**
 * An employee resigns (or HR records it). In one transaction: the resignation with its staged plan,
 * the employee marked as resigning, every stage already due applied (the immediate one, and key
 * accounts when the last working day is a week away or less: each permission denied with evidence)
 * and the submission itself recorded; then ResignationSubmitted goes on the bus and the planner
 * schedules the stages still ahead. So the very next request already lacks what is due.
 */
export const makeSubmitResignation =
  (
    deps: Pick<ResignationDeps, 'employees' | 'access' | 'resignations' | 'evidence' | 'clock' | 'policy'> &
      PublishingDeps,
  ) =>
  async (actor: Principal, employeeId: string, input: ResignationInput): Promise<Resignation> => {
    requireSelfOrHr(actor, employeeId);
    if (input.overrideNotice && !actor.permissions.has('offboarding:manage')) {
      throw new PermissionDeniedError('Only HR accepts a last working day beyond the notice period.');
    }
    if (input.templateId && !actor.permissions.has('offboarding:manage')) {
      throw new PermissionDeniedError('Only HR chooses the offboarding template.');
    }
    const [employee, account] = await Promise.all([
      deps.employees.get(employeeId, { consistent: true }),
      deps.access.getAccess(employeeId),
    ]);
    if (!employee || !account) throw new NotFoundError(`Employee ${employeeId}`);
    if (employee.status !== 'active')
      throw new ConflictError('resignation_open', `${employeeId} is already ${employee.status}.`);
    const now = deps.clock.now();
    const check = requireAcceptableLastWorkingDay(
      input.lastWorkingDay,
      { today: todayIn(now, deps.policy.timeZone), maxNoticeDays: deps.policy.maxNoticeDays },
      input.overrideNotice === true,
    );
    await requireSuccessors(deps, employeeId, input.successorIds ?? []);

    const at = now.toISOString();
    const draft: Resignation = {
      id: resignationId(now, randomBytes(3).toString('hex')),
      employeeId,
      submittedAt: at,
      submittedBy: actor.employeeId,
      lastWorkingDay: input.lastWorkingDay,
      reason: input.reason,
      ...(input.notes ? { notes: input.notes } : {}),
      successorIds: input.successorIds ?? [],
      ...(input.templateId ? { templateId: input.templateId } : {}),
      status: 'open',
      stages: planStages(input.lastWorkingDay, now, deps.policy),
      version: 1,
    };
    const due = dueStagesChange(deps, { resignation: draft, account, employee, at, trigger: 'submission' });
    const resignation = due.after;
    const { version: _v, createdAt: _c, updatedAt: _u, directReports: _d, ...fields } = employee;
    const change = combineChanges(
      deps.resignations.prepareCreate(resignation),
      deps.employees.prepareUpdate(
        employee,
        { ...fields, status: 'resigning', lastWorkingDay: input.lastWorkingDay },
        at,
      ),
      ...due.parts,
    );
    await committing(change, (writes) =>
      deps.evidence.append(
        [
          {
            actor: actor.employeeId,
            action: 'resignation.submitted',
            subject: `employee:${employeeId}`,
            caseId: resignation.id,
            reason: input.reason,
            details: {
              lastWorkingDay: input.lastWorkingDay,
              successorIds: resignation.successorIds,
              overrideNotice: check.overridden,
            },
          },
          ...due.drafts,
        ],
        { alongside: writes },
      ),
    );
    await deps.bus.publish([
      eventOf(resignationSubmitted, {
        employeeId,
        resignationId: resignation.id,
        lastWorkingDay: input.lastWorkingDay,
      }),
    ]);
    return resignation;
  };
