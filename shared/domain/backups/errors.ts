import type { ProblemEntry } from '#kernel/errors.ts';

export const backupProblems = {
  backup_corrupt: {
    kind: 'conflict',
    meaning: 'A file of the backup does not match its manifest',
    zh: '备份中的文件与其清单不符。',
  },
  table_not_empty: {
    kind: 'conflict',
    meaning: 'A restore writes only into a new or empty table',
    zh: '恢复只能写入新表或空表。',
  },
  evidence_log_empty: {
    kind: 'conflict',
    meaning: 'Restore the evidence log before the Hr table',
    zh: '请先恢复证据日志，再恢复 Hr 表。',
  },
} as const satisfies Record<string, ProblemEntry>;
