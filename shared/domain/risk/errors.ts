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
  weights_changed: {
    kind: 'conflict',
    meaning: 'Someone set another version of the weights meanwhile',
    zh: '风险权重已被他人更新，请重新读取。',
  },
  snapshot_exists: {
    kind: 'conflict',
    meaning: 'The team has a snapshot of that day already',
    zh: '该团队当天的风险快照已存在。',
  },
} as const satisfies Record<string, ProblemEntry>;
