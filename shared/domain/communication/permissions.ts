import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done on the direct line between HR and each employee. */
export const communicationPermissions = {
  'notice:publish': {
    sensitive: false,
    description: 'Publish and correct notices, and read who has read and acknowledged them',
    roles: ['hr', 'hr_admin'],
  },
  'feedback:manage': {
    sensitive: true,
    description:
      'Read anonymous feedback and its summary, answer in its threads, mark it investigated or resolved',
    roles: ['hr', 'hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
