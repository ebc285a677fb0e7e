import type { MessageCatalogue } from '#kernel/locale.ts';

/** What training tells people: that they were enrolled, and the day before their session. */
export const trainingMessages = {
  'training.enrolled': {
    'zh-CN': (p) => ({
      title: `培训报名：${p.training}`,
      body: `${p.by} 已为您报名「${p.training}」，时间 ${p.startsAt}（${p.timeZone}），地点 ${p.where}。`,
    }),
    en: (p) => ({
      title: `Enrolled: ${p.training}`,
      body: `${p.by} enrolled you in "${p.training}" on ${p.startsAt} (${p.timeZone}), at ${p.where}.`,
    }),
  },
  'training.sessionTomorrow': {
    'zh-CN': (p) => ({
      title: `明天培训：${p.training}`,
      body: `「${p.training}」将于 ${p.startsAt}（${p.timeZone}）开始，地点 ${p.where}。`,
    }),
    en: (p) => ({
      title: `Training tomorrow: ${p.training}`,
      body: `"${p.training}" starts at ${p.startsAt} (${p.timeZone}), at ${p.where}.`,
    }),
  },
} satisfies MessageCatalogue;
