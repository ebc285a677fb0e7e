import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done with KPIs, review templates, cycles and scores. */
export const performancePermissions = {
  'performance:configure': {
    sensitive: false,
    description: 'Define KPIs and review templates (new versions of a template too)',
    roles: ['hr', 'hr_admin'],
  },
  'performance:run': {
    sensitive: true,
    description: 'Open review cycles, compute them and release their results',
    roles: ['hr', 'hr_admin'],
  },
  'performance:read:all': {
    sensitive: true,
    description: 'Read every review and score, released or not',
    roles: ['hr', 'hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
