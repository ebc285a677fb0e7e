import type { PermissionEntry } from '#kernel/principal.ts';

export const evidencePermissions = {
  'evidence:read': {
    sensitive: false,
    description: 'Read the evidence log',
    roles: ['hr', 'hr_admin', 'it_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
