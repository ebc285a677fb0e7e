import type { ProblemEntry } from '#kernel/errors.ts';

export const peopleProblems = {
  account_unknown: {
    kind: 'forbidden',
    meaning: 'No account exists for the identity of the token',
    zh: '该令牌对应的身份没有账号。',
  },
  self_decision: {
    kind: 'forbidden',
    meaning: 'Nobody grants or revokes their own permissions',
    zh: '任何人都不能给自己授予或撤销权限。',
  },
  employee_exists: {
    kind: 'conflict',
    meaning: 'An employee with this id exists',
    zh: '已有使用此编号的员工。',
  },
  department_exists: {
    kind: 'conflict',
    meaning: 'A department with this id exists',
    zh: '已有使用此编号的部门。',
  },
  account_exists: {
    kind: 'conflict',
    meaning: 'The employee already has an account',
    zh: '该员工已有账号。',
  },
  access_changed: {
    kind: 'conflict',
    meaning: 'The access record changed meanwhile; read it again',
    zh: '权限记录已被修改，请重新读取。',
  },
  reporting_line_changed: {
    kind: 'conflict',
    meaning: 'The reporting line changed meanwhile; read it again',
    zh: '汇报关系已被修改，请重新读取。',
  },
  department_cycle: {
    kind: 'invalid',
    meaning: 'The parent department would make a circle',
    zh: '上级部门的设置会形成循环。',
  },
  manager_cycle: {
    kind: 'invalid',
    meaning: 'The manager reports to this employee: a circle',
    zh: '该经理向此员工汇报，会形成循环。',
  },
  import_invalid: {
    kind: 'invalid',
    meaning: 'Rows of the import are not valid; `errors` names row and column',
    zh: '导入中有无效的行，errors 列出了行号和列名。',
  },
  reference_not_found: {
    kind: 'invalid',
    meaning: 'A referenced department or employee does not exist',
    zh: '引用的部门或员工不存在。',
  },
} as const satisfies Record<string, ProblemEntry>;
