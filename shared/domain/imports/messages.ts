import type { MessageCatalogue } from '#kernel/locale.ts';

/** What an import job tells the person who sent the file when it ends. */
export const importMessages = {
  'import.finished': {
    'zh-CN': (p) => ({
      title: `导入${p.outcomeZh}：${p.kindZh}`,
      body: `导入任务 ${p.jobId}：共 ${p.rows} 行，新增 ${p.created} 行，未变 ${p.unchanged} 行，有问题 ${p.rowsFailed} 行。${p.error ? `原因：${p.error}` : ''}`,
    }),
    en: (p) => ({
      title: `Import ${p.outcome}: ${p.kind}`,
      body: `Import job ${p.jobId}: ${p.rows} rows, ${p.created} created, ${p.unchanged} unchanged, ${p.rowsFailed} with problems.${p.error ? ` Reason: ${p.error}` : ''}`,
    }),
  },
} satisfies MessageCatalogue;
