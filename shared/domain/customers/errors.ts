import type { ProblemEntry } from '#kernel/errors.ts';

export const customerProblems = {
  customer_exists: { kind: 'conflict', meaning: 'A customer with this id exists' },
  customer_deleted: { kind: 'conflict', meaning: 'The customer is deleted; HR may restore it' },
  export_over_cap: { kind: 'conflict', meaning: 'More rows than one export may hold without an HR approval' },
  invalid_owner: { kind: 'invalid', meaning: 'The owner is not a current employee' },
} as const satisfies Record<string, ProblemEntry>;
