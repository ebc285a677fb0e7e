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
  'question:answer': {
    sensitive: false,
    description: 'Read, assign and answer the questions people ask HR, and publish answers to the FAQ',
    roles: ['hr', 'hr_admin'],
  },
  'conversation:hold': {
    sensitive: false,
    description: 'Hold private conversations with employees for HR, and take their requests for a talk',
    roles: ['hr', 'hr_admin'],
  },
  'conversation:oversee': {
    sensitive: true,
    description: 'Read every conversation between HR and an employee (HR leads)',
    roles: ['hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
