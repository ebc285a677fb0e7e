import type { ProblemEntry } from '#kernel/errors.ts';

export const peopleProblems = {
  account_unknown: { kind: 'forbidden', meaning: 'No account exists for the identity of the token' },
  self_decision: { kind: 'forbidden', meaning: 'Nobody grants or revokes their own permissions' },
  employee_exists: { kind: 'conflict', meaning: 'An employee with this id exists' },
  department_exists: { kind: 'conflict', meaning: 'A department with this id exists' },
  account_exists: { kind: 'conflict', meaning: 'The employee already has an account' },
  access_changed: { kind: 'conflict', meaning: 'The access record changed meanwhile; read it again' },
  reporting_line_changed: {
    kind: 'conflict',
    meaning: 'The reporting line changed meanwhile; read it again',
  },
  department_cycle: { kind: 'invalid', meaning: 'The parent department would make a circle' },
  manager_cycle: { kind: 'invalid', meaning: 'The manager reports to this employee: a circle' },
  import_invalid: {
    kind: 'invalid',
    meaning: 'Rows of the import are not valid; `errors` names row and column',
  },
  reference_not_found: { kind: 'invalid', meaning: 'A referenced department or employee does not exist' },
} as const satisfies Record<string, ProblemEntry>;
