import type { PermissionEntry } from '#kernel/principal.ts';

export const backupPermissions = {
  'backup:manage': {
    sensitive: true,
    description: 'Start, list and restore backups',
    roles: ['hr_admin', 'it_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
