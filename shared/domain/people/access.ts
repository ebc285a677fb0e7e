import { Permission, permissions, roleDefaults } from '#domain/permissions.ts';
import { AccountDisabledError, PermissionDeniedError } from '#kernel/errors.ts';
import { Timestamp } from '#kernel/ids.ts';
import {
  type EffectivePermission,
  type PermissionSource,
  type Principal,
  Role,
  roles,
} from '#kernel/principal.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/**
 * The live access record of one employee: whether the account may act at all, its roles, and the
 * per-employee grants that override the role defaults. It is read on every request, so a revocation
 * takes effect on the next request whatever token the person still holds.
 *
 * Items (table Hr), all in the employee's partition so one Query returns the whole record:
 *   pk = EMP#<employeeId>  sk = AUTH#ACCESS              the account: status, roles
 *   pk = EMP#<employeeId>  sk = AUTH#GRANT#<permission>  a grant: allow or deny, with reason
 * Access pattern "access of an employee": Query pk = EMP#<id> AND begins_with(sk, 'AUTH#').
 */
export const accessKeys = {
  partition: (employeeId: string) => `EMP#${employeeId}`,
  account: () => 'AUTH#ACCESS',
  grant: (permission: Permission) => `AUTH#GRANT#${permission}`,
  prefix: 'AUTH#',
  grantPrefix: 'AUTH#GRANT#',
} as const;

export const AccountStatus = z.enum(['enabled', 'disabled']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const Grant = z.object({
  permission: Permission,
  effect: z.enum(['allow', 'deny']),
  reason: upTo(500),
  decidedBy: upTo(20),
  decidedAt: Timestamp,
});
export type Grant = z.infer<typeof Grant>;

export const AccessRecord = z.object({
  employeeId: upTo(20),
  status: AccountStatus,
  roles: z.array(Role).check(z.maxLength(roles.length)),
  identity: z._default(z.enum(['pending', 'provisioned']), 'pending'),
  version: z._default(z.int().check(z.positive()), 1),
  grants: z.array(Grant).check(z.maxLength(permissions.length)),
});
export type AccessRecord = z.infer<typeof AccessRecord>;

/** Role defaults plus allow grants, minus deny grants (a deny always wins). */
export function effectivePermissions(access: Pick<AccessRecord, 'roles' | 'grants'>): EffectivePermission[] {
  const sources = new Map<Permission, PermissionSource[]>();
  const add = (permission: Permission, source: PermissionSource) =>
    sources.set(permission, [...(sources.get(permission) ?? []), source]);
  for (const role of access.roles) for (const p of roleDefaults[role]) add(p, `role:${role}`);
  for (const g of access.grants) if (g.effect === 'allow') add(g.permission, 'grant');
  for (const g of access.grants) if (g.effect === 'deny') sources.delete(g.permission);
  return [...sources.entries()]
    .map(([permission, s]) => ({ permission, sources: s }))
    .sort((a, b) => a.permission.localeCompare(b.permission));
}

/** Whether the sign-in identity (Cognito user, or local user) exists yet: it is made after the account. */
export type IdentityState = AccessRecord['identity'];

/** The roles that only those who manage permissions may hand out. */
export const privilegedRoles: readonly Role[] = ['hr', 'hr_admin', 'it_admin', 'admin_office'];

/** The account item of an employee: whether they may act at all, and as which roles. */
export function accountItem(
  account: { employeeId: string; status: AccountStatus; roles: readonly Role[]; identity?: IdentityState },
  meta: { at: string; version: number },
) {
  return {
    pk: accessKeys.partition(account.employeeId),
    sk: accessKeys.account(),
    type: 'Account',
    employeeId: account.employeeId,
    status: account.status,
    roles: [...account.roles],
    identity: account.identity ?? 'pending',
    version: meta.version,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
}

/** Builds the principal from the live access record; a missing or disabled account may do nothing. */
export function principalFrom(
  employeeId: string,
  access: Pick<AccessRecord, 'status' | 'roles' | 'grants'> | undefined,
): Principal {
  if (!access) throw new PermissionDeniedError('No account exists for this identity.', 'account_unknown');
  if (access.status !== 'enabled') throw new AccountDisabledError();
  const effective = effectivePermissions(access);
  return {
    employeeId,
    roles: access.roles,
    effective,
    permissions: new Set(effective.map((e) => e.permission)),
  };
}
