import type { ProblemEntry } from '#kernel/errors.ts';

export const importProblems = {
  chunk_written: { kind: 'conflict', meaning: 'Another run of the import job wrote this chunk already' },
} as const satisfies Record<string, ProblemEntry>;
