import type { PermissionEntry } from '#kernel/principal.ts';

export const offboardingPermissions = {
  'offboarding:manage': { sensitive: false, description: 'Run offboarding cases', roles: ['hr', 'hr_admin'] },
  'offboarding:confirm-assets': {
    sensitive: false,
    description: 'Confirm returned assets',
    roles: ['admin_office'],
  },
} as const satisfies Record<string, PermissionEntry>;
