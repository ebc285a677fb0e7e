import type { ProblemEntry } from '#kernel/errors.ts';

export const importProblems = {
  file_too_large: { kind: 'invalid', meaning: 'The uploaded file is larger than an import takes (100 MiB)' },
  chunk_written: { kind: 'conflict', meaning: 'Another run of the import job wrote this chunk already' },
} as const satisfies Record<string, ProblemEntry>;
