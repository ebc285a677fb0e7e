import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done with sites, shifts, punches, attendance days and overtime claims. */
export const attendancePermissions = {
  'attendance:manage': {
    sensitive: true,
    description:
      'Keep sites, shifts and everyone’s attendance rules and leave; read everyone’s punches’ verdicts, attendance days, overtime and the reports; decide overtime claims routed to HR',
    roles: ['hr', 'hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
