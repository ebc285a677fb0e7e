import type { PermissionEntry } from '#kernel/principal.ts';

/** What may be done with skills, their evidence and training. */
export const trainingPermissions = {
  'skill:manage': {
    sensitive: false,
    description:
      'Keep the skill catalogue and the levels positions require; record exams and assessments for anyone',
    roles: ['hr', 'hr_admin'],
  },
  'skill:read:all': {
    sensitive: false,
    description: 'Read everyone’s evidenced skills and every team’s gaps',
    roles: ['hr', 'hr_admin'],
  },
  'training:manage': {
    sensitive: false,
    description:
      'Keep training programs and their sessions; enrol anyone; take any session’s attendance and results; read programs’ effectiveness',
    roles: ['hr', 'hr_admin'],
  },
} as const satisfies Record<string, PermissionEntry>;
