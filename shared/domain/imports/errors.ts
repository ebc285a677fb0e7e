import type { ProblemEntry } from '#kernel/errors.ts';

export const importProblems = {
  file_too_large: {
    kind: 'invalid',
    meaning: 'The uploaded file is larger than an import takes (100 MiB)',
    zh: '上传的文件超过导入的上限（100 MiB）。',
  },
  chunk_written: {
    kind: 'conflict',
    meaning: 'Another run of the import job wrote this chunk already',
    zh: '该导入任务的另一次运行已写入这一批数据。',
  },
} as const satisfies Record<string, ProblemEntry>;
