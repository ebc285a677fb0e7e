import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done with key positions and their successors. */
export const successionPermissions = {
  'succession:manage': {
    sensitive: true,
    description: 'Flag key positions, nominate candidates, keep their development plans; read every report',
    roles: ['hr', 'hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
