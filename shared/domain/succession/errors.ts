import type { ProblemEntry } from '#kernel/errors.ts';

export const successionProblems = {
  candidate_is_incumbent: {
    kind: 'conflict',
    meaning: 'The incumbent of a key position is not a candidate to succeed herself',
    zh: '现任者不能成为自己岗位的继任候选人。',
  },
} as const satisfies Record<string, ProblemEntry>;
