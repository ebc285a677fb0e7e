import { type AccessRecord, effectivePermissions, type Grant } from '#domain/people/access.ts';
import type { Permission } from '#domain/permissions.ts';
import type { Clock } from '#kernel/clock.ts';
import { NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { committing } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { AccessStore } from '#ports/people/accessStore.ts';

export interface PermissionDeps {
  access: AccessStore;
  evidence: EvidenceLog;
  clock: Clock;
}

export function permissionsView(account: AccessRecord) {
  return {
    employeeId: account.employeeId,
    status: account.status,
    roles: account.roles,
    permissions: effectivePermissions(account),
    grants: account.grants,
  };
}

export type PermissionsView = ReturnType<typeof permissionsView>;

/**
 * Effective permissions, and HR admins' grants and revocations. A decision is one Grant item per
 * employee and permission (the latest wins; a deny beats any role) written together with its evidence
 * entry. Deciding what is already decided changes nothing and writes no evidence.
 */
export const makePermissions = ({ access, evidence, clock }: PermissionDeps) => ({
  async read(actor: Principal, employeeId: string): Promise<PermissionsView> {
    const mayRead =
      actor.employeeId === employeeId ||
      actor.permissions.has('employee:manage') ||
      actor.permissions.has('permission:manage');
    if (!mayRead) throw new PermissionDeniedError("Only HR reads other people's permissions.");
    const account = await access.getAccess(employeeId);
    if (!account) throw new NotFoundError(`The account of ${employeeId}`);
    return permissionsView(account);
  },

  async decide(
    actor: Principal,
    employeeId: string,
    decision: { permission: Permission; effect: Grant['effect']; reason: string },
  ): Promise<PermissionsView> {
    requirePermission(actor, 'permission:manage');
    if (actor.employeeId === employeeId) {
      throw new PermissionDeniedError('Nobody grants or revokes their own permissions.', 'self_decision');
    }
    const account = await access.getAccess(employeeId);
    if (!account) throw new NotFoundError(`The account of ${employeeId}`);
    const previous = account.grants.find((g) => g.permission === decision.permission);
    if (previous?.effect === decision.effect) return permissionsView(account);

    const grant: Grant = { ...decision, decidedBy: actor.employeeId, decidedAt: clock.now().toISOString() };
    const holdsBefore = effectivePermissions(account).some((p) => p.permission === decision.permission);
    const after: AccessRecord = {
      ...account,
      grants: [...account.grants.filter((g) => g.permission !== decision.permission), grant],
    };
    await committing(access.prepareGrant(employeeId, grant, previous), (writes) =>
      evidence.append(
        [
          {
            actor: actor.employeeId,
            action: decision.effect === 'allow' ? 'permission.granted' : 'permission.revoked',
            subject: `employee:${employeeId}`,
            reason: decision.reason,
            details: {
              permission: decision.permission,
              previousDecision: previous?.effect ?? null,
              heldBefore: holdsBefore,
              heldAfter: effectivePermissions(after).some((p) => p.permission === decision.permission),
            },
          },
        ],
        { alongside: writes },
      ),
    );
    return permissionsView(after);
  },
});
