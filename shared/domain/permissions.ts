import { type PermissionEntry, type Role, roles } from '#kernel/principal.ts';
import * as z from '#kernel/zod.ts';
import { attendancePermissions } from './attendance/permissions.ts';
import { backupPermissions } from './backups/permissions.ts';
import { communicationPermissions } from './communication/permissions.ts';
import { customerPermissions } from './customers/permissions.ts';
import { evidencePermissions } from './evidence/permissions.ts';
import { offboardingPermissions } from './offboarding/permissions.ts';
import { peoplePermissions } from './people/permissions.ts';
import { performancePermissions } from './performance/permissions.ts';
import { riskPermissions } from './risk/permissions.ts';
import { successionPermissions } from './succession/permissions.ts';
import { trainingPermissions } from './training/permissions.ts';

/**
 * The permission catalogue: every area's permissions (shared/domain/<area>/permissions.ts), each with
 * the roles that hold it by default. A new area adds its catalogue here.
 */
export const permissionCatalogue = {
  ...customerPermissions,
  ...peoplePermissions,
  ...offboardingPermissions,
  ...evidencePermissions,
  ...backupPermissions,
  ...riskPermissions,
  ...communicationPermissions,
  ...performancePermissions,
  ...attendancePermissions,
  ...trainingPermissions,
  ...successionPermissions,
} as const satisfies Record<string, PermissionEntry>;

export type Permission = keyof typeof permissionCatalogue;
export const permissions = Object.keys(permissionCatalogue) as Permission[];
export const Permission = z.enum(permissions as [Permission, ...Permission[]]);

export const sensitivePermissions: readonly Permission[] = permissions.filter(
  (p) => permissionCatalogue[p].sensitive,
);

/** What each role may do before any per-employee grant is applied. */
export const roleDefaults = Object.fromEntries(
  roles.map((role) => [
    role,
    permissions.filter((p) => (permissionCatalogue[p].roles as readonly Role[]).includes(role)),
  ]),
) as unknown as Record<Role, readonly Permission[]>;
