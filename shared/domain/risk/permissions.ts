import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done with the computed key-person risk. */
export const riskPermissions = {
  'risk:read:all': {
    sensitive: true,
    description: 'Read the risk of every team and person, and simulate departures',
    roles: ['hr', 'hr_admin'],
  },
  'risk:read:team': {
    sensitive: false,
    description: 'Read the risk of the teams and people in one’s reporting line (never one’s own)',
    roles: ['manager'],
  },
  'risk:configure': {
    sensitive: true,
    description: 'Set a new version of the risk weights and alert thresholds',
    roles: ['hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
