import { type PermissionEntry, roles } from '#kernel/principal.ts';

/** What may be done with the company's customer records. */
export const customerPermissions = {
  'customer:read:own': { sensitive: false, description: 'Read the customers one owns', roles },
  'customer:read:team': {
    sensitive: false,
    description: "Read the customers of one's reports",
    roles: ['manager'],
  },
  'customer:read:all': { sensitive: false, description: 'Read every customer', roles: ['hr', 'hr_admin'] },
  'customer:read:key-accounts': {
    sensitive: false,
    description: 'Read customers marked as key accounts',
    roles: ['manager', 'hr', 'hr_admin'],
  },
  'customer:write': {
    sensitive: false,
    description: 'Create and update the customers one may read',
    roles,
  },
  'customer:transfer': {
    sensitive: false,
    description: 'Move customer ownership between employees',
    roles: ['hr', 'hr_admin'],
  },
  'customer:import': {
    sensitive: false,
    description: 'Import customer records from a file, with their owners',
    roles: ['hr', 'hr_admin'],
  },
  'customer:export': {
    sensitive: true,
    description: 'Export customer records to a file',
    roles: ['hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
