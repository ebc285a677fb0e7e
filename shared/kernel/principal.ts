import type { Permission } from '#domain/permissions.ts';
import { PermissionDeniedError } from './errors.ts';
import * as z from './zod.ts';

/** Roles come from identity groups (Cognito groups in AWS, local users locally). */
export const roles = ['hr_admin', 'hr', 'manager', 'employee', 'admin_office', 'it_admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/**
 * An entry of an area's permission catalogue (shared/domain/<area>/permissions.ts). `sensitive`
 * permissions are the first to go when someone resigns (the immediate revocation stage); the others
 * follow the staged plan. `roles` hold it before any per-employee grant is applied.
 */
export interface PermissionEntry {
  sensitive: boolean;
  description: string;
  roles: readonly Role[];
}

export type PermissionSource = `role:${Role}` | 'grant';

export interface EffectivePermission {
  permission: Permission;
  sources: PermissionSource[];
}

/** The authenticated caller of a request, with the permissions that are live right now. */
export interface Principal {
  employeeId: string;
  roles: readonly Role[];
  effective: readonly EffectivePermission[];
  permissions: ReadonlySet<Permission>;
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!principal.permissions.has(permission)) {
    throw PermissionDeniedError.needs(permission);
  }
}
