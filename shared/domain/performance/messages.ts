import type { MessageCatalogue } from '#kernel/locale.ts';

/** What performance tells people: ratings they still owe before a cycle's deadline. */
export const performanceMessages = {
  'review.ratingsDue': {
    'zh-CN': (p) => ({
      title: `考核评分即将截止：${p.cycle}`,
      body: `请在 ${p.due} 前完成评分（${p.relation}）：${p.reviewees}。`,
    }),
    en: (p) => ({
      title: `Ratings due: ${p.cycle}`,
      body: `Please rate by the end of ${p.due} (${p.relation}): ${p.reviewees}.`,
    }),
  },
} satisfies MessageCatalogue;
