import type { ProblemEntry } from '#kernel/errors.ts';

export const backupProblems = {
  backup_corrupt: { kind: 'conflict', meaning: 'A file of the backup does not match its manifest' },
  table_not_empty: { kind: 'conflict', meaning: 'A restore writes only into a new or empty table' },
  evidence_log_empty: { kind: 'conflict', meaning: 'Restore the evidence log before the Hr table' },
} as const satisfies Record<string, ProblemEntry>;
