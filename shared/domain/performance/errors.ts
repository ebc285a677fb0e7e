import type { ProblemEntry } from '#kernel/errors.ts';

export const performanceProblems = {
  no_template_applies: {
    kind: 'invalid',
    meaning: 'None of the cycle’s templates applies to some participants (named in errors)',
    zh: '部分参与者没有适用的考核模板。',
  },
  ratings_closed: {
    kind: 'conflict',
    meaning: 'The deadline for this kind of rating has passed, or the cycle’s results are released',
    zh: '该类评分已截止，或考核结果已发布。',
  },
} as const satisfies Record<string, ProblemEntry>;
