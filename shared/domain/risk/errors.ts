import type { ProblemEntry } from '#kernel/errors.ts';

export const riskProblems = {
  mentorship_exists: {
    kind: 'conflict',
    meaning: 'A mentorship with this id exists',
    zh: '已有使用此编号的师徒关系。',
  },
  mentorship_ended: {
    kind: 'conflict',
    meaning: 'The mentorship has ended already',
    zh: '该师徒关系已经结束。',
  },
} as const satisfies Record<string, ProblemEntry>;
