import type { ProblemEntry } from '#kernel/errors.ts';

export const trainingProblems = {
  skill_exists: {
    kind: 'conflict',
    meaning: 'The catalogue has a skill with this id',
    zh: '技能目录中已有此编号的技能。',
  },
  session_full: {
    kind: 'conflict',
    meaning: 'The session has as many enrolments as places',
    zh: '该场培训名额已满。',
  },
  session_started: {
    kind: 'conflict',
    meaning: 'The session has started: its enrolments are closed',
    zh: '该场培训已开始，报名已截止。',
  },
  session_not_started: {
    kind: 'conflict',
    meaning: 'The session has not started: attendance, results and ratings come after its start',
    zh: '该场培训尚未开始，不能登记考勤、成绩或评价。',
  },
  mentoring_goals_full: {
    kind: 'conflict',
    meaning: 'The mentorship holds as many goals as it may (20)',
    zh: '该带教关系的目标已达上限（20 个）。',
  },
} as const satisfies Record<string, ProblemEntry>;
