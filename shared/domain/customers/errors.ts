import type { ProblemEntry } from '#kernel/errors.ts';

export const customerProblems = {
  customer_exists: {
    kind: 'conflict',
    meaning: 'A customer with this id exists',
    zh: '已有使用此编号的客户。',
  },
  customer_deleted: {
    kind: 'conflict',
    meaning: 'The customer is deleted; HR may restore it',
    zh: '该客户已删除，人力资源部可以恢复。',
  },
  export_over_cap: {
    kind: 'conflict',
    meaning: 'More rows than one export may hold without an HR approval',
    zh: '导出行数超过上限，需要人力资源管理员批准。',
  },
  invalid_owner: {
    kind: 'invalid',
    meaning: 'The owner is not a current employee',
    zh: '负责人不是在职员工。',
  },
  deal_exists: {
    kind: 'conflict',
    meaning: 'A deal with this id exists',
    zh: '已有使用此编号的交易。',
  },
  interaction_exists: {
    kind: 'conflict',
    meaning: 'An interaction with this id exists',
    zh: '已有使用此编号的跟进记录。',
  },
} as const satisfies Record<string, ProblemEntry>;
