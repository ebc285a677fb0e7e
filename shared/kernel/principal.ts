import { type AccessRecord, type EffectivePermission, effectivePermissions } from '#domain/people/access.ts';
import type { Permission, Role } from '#domain/permissions.ts';
import { AccountDisabledError, PermissionDeniedError } from './errors.ts';

/** The authenticated caller of a request, with the permissions that are live right now. */
export interface Principal {
  employeeId: string;
  roles: readonly Role[];
  effective: readonly EffectivePermission[];
  permissions: ReadonlySet<Permission>;
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

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!principal.permissions.has(permission)) {
    throw new PermissionDeniedError(`This needs the permission ${permission}.`);
  }
}
