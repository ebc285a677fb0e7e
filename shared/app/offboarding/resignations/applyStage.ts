import type { EvidenceDraft } from '#domain/evidence/index.ts';
import {
  isWaiting,
  type Resignation,
  type Stage,
  type StageName,
  stageNames,
  toRevoke,
} from '#domain/offboarding/resignation.ts';
import type { EmployeeRecord } from '#domain/people/index.ts';
import { type AccessRecord, effectivePermissions } from '#domain/people/index.ts';
import type { Permission } from '#domain/permissions.ts';
import { isDomainError } from '#kernel/errors.ts';
import { combineChanges, committing, type PreparedChange } from '#kernel/writes.ts';
import type { ResignationDeps, StageDeps } from './deps.ts';

export type StageTrigger = NonNullable<Stage['appliedBy']>;

/**
 * The writes and evidence that apply one stage to an employee: a deny grant per permission they
 * still hold of the stage's set, with an evidence entry each; for the account stage, the account
 * disabled and the employee marked as left. Never restores anything.
 */
export function stageChange(
  deps: Pick<ResignationDeps, 'access' | 'employees'>,
  input: {
    resignation: Resignation;
    stage: StageName;
    account: AccessRecord;
    employee: EmployeeRecord;
    at: string;
    trigger: StageTrigger;
  },
): { parts: PreparedChange[]; drafts: EvidenceDraft[]; after: Resignation; revoked: Permission[] } {
  const { resignation, stage: name, account, employee, at, trigger } = input;
  const stage = resignation.stages[name];
  const held = effectivePermissions(account).map((p) => p.permission);
  const revoking = toRevoke(stage, held);
  const reason = `The ${name} stage of resignation ${resignation.id}`;
  const subject = `employee:${resignation.employeeId}`;
  const parts = revoking.map((permission) =>
    deps.access.prepareGrant(
      resignation.employeeId,
      { permission, effect: 'deny', reason, decidedBy: 'system', decidedAt: at },
      account.grants.find((g) => g.permission === permission),
    ),
  );
  const drafts: EvidenceDraft[] = revoking.map((permission) => ({
    actor: 'system',
    action: 'permission.revoked',
    subject,
    caseId: resignation.id,
    reason,
    details: { permission, stage: name },
  }));
  if (name === 'account') {
    if (account.status === 'enabled') {
      parts.push(deps.access.prepareStatus(account, 'disabled', at));
      drafts.push({
        actor: 'system',
        action: 'account.disabled',
        subject,
        caseId: resignation.id,
        reason,
        details: { stage: name },
      });
    }
    if (employee.status !== 'left') {
      const { version: _v, createdAt: _c, updatedAt: _u, directReports: _d, ...fields } = employee;
      parts.push(deps.employees.prepareUpdate(employee, { ...fields, status: 'left' }, at));
    }
  }
  drafts.push({
    actor: 'system',
    action: 'revocation.stage-applied',
    subject,
    caseId: resignation.id,
    reason,
    details: { stage: name, revoked: revoking, trigger },
  });
  const lastStage = name === 'identity-removal';
  // Bookkeeping, not a person's change: the version (the resignation's ETag) stays.
  const after: Resignation = {
    ...resignation,
    ...(lastStage ? { status: 'completed' } : {}),
    stages: {
      ...resignation.stages,
      [name]: { ...stage, status: 'applied', appliedAt: at, appliedBy: trigger },
    },
  };
  return { parts, drafts, after, revoked: revoking };
}

/** Stages that only deny grants, and so can apply inside another change of the employee's records. */
const grantOnlyStages: readonly StageName[] = ['immediate', 'key-accounts'];

/**
 * Every grant-only stage of `resignation` that is due at `at` and still waiting, applied within the
 * change that makes it due (a submission, a moved last working day): the next request already lacks
 * what it revokes, and only stages still ahead are left to the Scheduler. The caller writes `after`.
 */
export function dueStagesChange(
  deps: Pick<ResignationDeps, 'access' | 'employees'>,
  input: {
    resignation: Resignation;
    account: AccessRecord;
    employee: EmployeeRecord;
    at: string;
    trigger: StageTrigger;
  },
): { parts: PreparedChange[]; drafts: EvidenceDraft[]; after: Resignation; applied: StageName[] } {
  const parts: PreparedChange[] = [];
  const drafts: EvidenceDraft[] = [];
  const applied: StageName[] = [];
  let after = input.resignation;
  for (const name of grantOnlyStages) {
    const stage = after.stages[name];
    if (!isWaiting(stage) || new Date(stage.dueAt) > new Date(input.at)) continue;
    const change = stageChange(deps, { ...input, resignation: after, stage: name });
    parts.push(...change.parts);
    drafts.push(...change.drafts);
    after = change.after;
    applied.push(name);
  }
  return { parts, drafts, after, applied };
}

export type StageOutcome = 'applied' | 'already-applied' | 'not-due' | 'not-open';

/**
 * Applies a stage when it is due (the offboarding's end applies the account stage early). Safe to
 * deliver twice, late or out of order: what is applied stays applied, and a second delivery finds
 * nothing left to do. The identity follows the account after the commit (disable, sign out, delete).
 */
export const makeApplyStage =
  (deps: StageDeps) =>
  async (input: {
    employeeId: string;
    resignationId: string;
    stage: StageName;
    trigger: StageTrigger;
  }): Promise<StageOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const resignation = await deps.resignations.get(input.employeeId, input.resignationId);
      if (!resignation || resignation.status === 'withdrawn') return 'not-open';
      const stage = resignation.stages[input.stage];
      if (stage.status === 'cancelled') return 'already-applied';
      if (stage.status === 'applied') {
        // A crash after the commit may have left the identity behind: a redelivery finishes it.
        await followIdentity(deps, input.employeeId, input.stage);
        return 'already-applied';
      }
      const now = deps.clock.now();
      if (input.trigger !== 'completion' && new Date(stage.dueAt) > now) return 'not-due';
      const [account, employee] = await Promise.all([
        deps.access.getAccess(input.employeeId),
        deps.employees.get(input.employeeId, { consistent: true }),
      ]);
      if (!account || !employee) return 'not-open';
      const { parts, drafts, after, applied } = stagesThrough(deps, {
        resignation,
        stage: input.stage,
        account,
        employee,
        at: now.toISOString(),
        trigger: input.trigger,
      });
      const change = combineChanges(...parts, deps.resignations.prepareUpdate(resignation, after));
      try {
        await committing(change, (writes) => deps.evidence.append(drafts, { alongside: writes }));
      } catch (error) {
        // Another delivery of the same stage won the race: read again, and find it applied.
        const raced =
          isDomainError(error) && (error.code === 'stale_version' || error.code === 'access_changed');
        if (raced && attempt < 3) continue;
        throw error;
      }
      for (const name of applied) await followIdentity(deps, input.employeeId, name);
      return 'applied';
    }
  };

/**
 * A stage and every stage planned before it that is still waiting (its schedule lost, or a completion
 * that only moved it): no stage goes ahead of those before it, so an identity is never removed while
 * its account is still enabled. Each takes only what the ones before it left.
 */
function stagesThrough(
  deps: Pick<ResignationDeps, 'access' | 'employees'>,
  input: Parameters<typeof stageChange>[1],
): { parts: PreparedChange[]; drafts: EvidenceDraft[]; after: Resignation; applied: StageName[] } {
  const parts: PreparedChange[] = [];
  const drafts: EvidenceDraft[] = [];
  const applied: StageName[] = [];
  let { resignation, account } = input;
  for (const name of stageNames.slice(0, stageNames.indexOf(input.stage) + 1)) {
    if (name !== input.stage && !isWaiting(resignation.stages[name])) continue;
    const change = stageChange(deps, { ...input, resignation, account, stage: name });
    parts.push(...change.parts);
    drafts.push(...change.drafts);
    resignation = change.after;
    applied.push(name);
    // What this stage denies is no longer held by the next one.
    account = {
      ...account,
      grants: [
        ...account.grants.filter((g) => !change.revoked.includes(g.permission)),
        ...change.revoked.map((permission) => ({
          permission,
          effect: 'deny' as const,
          reason: '',
          decidedBy: 'system',
          decidedAt: input.at,
        })),
      ],
    };
  }
  return { parts, drafts, after: resignation, applied };
}

/** The sign-in identity follows an applied stage: disabled and signed out, or finally deleted. */
async function followIdentity(deps: Pick<ResignationDeps, 'identity'>, employeeId: string, stage: StageName) {
  if (stage === 'account' && (await deps.identity.status(employeeId)) === 'enabled') {
    await deps.identity.disable(employeeId);
    await deps.identity.signOutEverywhere(employeeId);
  }
  if (stage === 'identity-removal' && (await deps.identity.status(employeeId)) !== 'missing')
    await deps.identity.remove(employeeId);
}
