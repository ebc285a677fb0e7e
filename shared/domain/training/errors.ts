import type { ProblemEntry } from '#kernel/errors.ts';

export const trainingProblems = {
  skill_exists: {
    kind: 'conflict',
    meaning: 'The catalogue has a skill with this id',
    zh: '技能目录中已有此编号的技能。',
  },
} as const satisfies Record<string, ProblemEntry>;
