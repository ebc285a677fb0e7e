import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done on the direct line between HR and each employee. */
export const communicationPermissions = {
  'notice:publish': {
    sensitive: false,
    description: 'Publish and correct notices, and read who has read and acknowledged them',
    roles: ['hr', 'hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
