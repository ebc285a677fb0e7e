import * as z from '#kernel/zod.ts';

/** Roles come from identity groups (Cognito groups in AWS, local users locally). */
export const roles = ['hr_admin', 'hr', 'manager', 'employee', 'admin_office', 'it_admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/**
 * The permission catalogue. `sensitive` permissions are the first to go when someone resigns
 * (the immediate revocation stage); the others follow the staged plan.
 */
export const permissionCatalogue = {
  'customer:read:own': { sensitive: false, description: 'Read the customers one owns' },
  'customer:read:team': { sensitive: false, description: "Read the customers of one's reports" },
  'customer:read:all': { sensitive: false, description: 'Read every customer' },
  'customer:read:key-accounts': { sensitive: false, description: 'Read customers marked as key accounts' },
  'customer:write': { sensitive: false, description: 'Create and update the customers one may read' },
  'customer:transfer': { sensitive: false, description: 'Move customer ownership between employees' },
  'customer:export': { sensitive: true, description: 'Export customer records to a file' },
  'settings:manage': { sensitive: true, description: 'Change company settings and templates' },
  'employee:read:directory': {
    sensitive: false,
    description: 'See the directory (name, department, position)',
  },
  'employee:read:team': { sensitive: false, description: "Read the full records of one's reports" },
  'employee:manage': { sensitive: false, description: 'Create and update employee records' },
  'permission:manage': { sensitive: true, description: 'Grant and revoke permissions' },
  'offboarding:manage': { sensitive: false, description: 'Run offboarding cases' },
  'offboarding:confirm-assets': { sensitive: false, description: 'Confirm returned assets' },
  'evidence:read': { sensitive: false, description: 'Read the evidence log' },
  'backup:manage': { sensitive: true, description: 'Start, list and restore backups' },
  'identity:manage': { sensitive: true, description: 'Disable, enable and sign out accounts' },
} as const satisfies Record<string, { sensitive: boolean; description: string }>;

export type Permission = keyof typeof permissionCatalogue;
export const permissions = Object.keys(permissionCatalogue) as Permission[];
export const Permission = z.enum(permissions as [Permission, ...Permission[]]);

export const sensitivePermissions: readonly Permission[] = permissions.filter(
  (p) => permissionCatalogue[p].sensitive,
);

const everyone: Permission[] = ['customer:read:own', 'customer:write', 'employee:read:directory'];

/** What each role may do before any per-employee grant is applied. */
export const roleDefaults: Record<Role, readonly Permission[]> = {
  employee: everyone,
  manager: [...everyone, 'customer:read:team', 'customer:read:key-accounts', 'employee:read:team'],
  hr: [
    ...everyone,
    'customer:read:all',
    'customer:read:key-accounts',
    'customer:transfer',
    'employee:manage',
    'offboarding:manage',
    'evidence:read',
  ],
  hr_admin: [
    ...everyone,
    'customer:read:all',
    'customer:read:key-accounts',
    'customer:transfer',
    'customer:export',
    'employee:manage',
    'offboarding:manage',
    'evidence:read',
    'permission:manage',
    'settings:manage',
    'backup:manage',
  ],
  admin_office: [...everyone, 'offboarding:confirm-assets'],
  it_admin: [...everyone, 'identity:manage', 'backup:manage', 'evidence:read'],
};
