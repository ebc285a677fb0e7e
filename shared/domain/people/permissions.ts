import { type PermissionEntry, roles } from '#kernel/principal.ts';

/** What people and their access may be done with (the company's administration). */
export const peoplePermissions = {
  'employee:read:directory': {
    sensitive: false,
    description: 'See the directory (name, department, position)',
    roles,
  },
  'employee:read:team': {
    sensitive: false,
    description: "Read the full records of one's reports",
    roles: ['manager'],
  },
  'employee:manage': {
    sensitive: false,
    description: 'Create and update employee records',
    roles: ['hr', 'hr_admin'],
  },
  'employee:export': {
    sensitive: true,
    description: 'Export employee records to a file',
    roles: ['hr', 'hr_admin'],
  },
  'permission:manage': { sensitive: true, description: 'Grant and revoke permissions', roles: ['hr_admin'] },
  'identity:manage': {
    sensitive: true,
    description: 'Disable, enable and sign out accounts',
    roles: ['it_admin'],
  },
  'settings:manage': {
    sensitive: true,
    description: 'Change company settings and templates',
    roles: ['hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
