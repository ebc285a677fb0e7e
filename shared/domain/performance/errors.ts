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
  cycle_released: {
    kind: 'conflict',
    meaning: 'The cycle’s results are released: they are final and are not computed again',
    zh: '该考核周期的结果已发布，不再重新计算。',
  },
  cycle_not_computed: {
    kind: 'conflict',
    meaning: 'The cycle has no finished computation to release (compute it first, or wait for it)',
    zh: '该考核周期尚未完成计算，无法发布结果。',
  },
} as const satisfies Record<string, ProblemEntry>;
