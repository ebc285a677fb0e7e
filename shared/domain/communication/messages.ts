import type { MessageCatalogue } from '#kernel/locale.ts';

/** What the direct line tells people: a notice for them, a correction, a reminder to acknowledge. */
export const communicationMessages = {
  'notice.published': {
    'zh-CN': (p) => ({
      title: `新通知：${p.title}`,
      body: `人力资源部发布了通知“${p.title}”。${p.ask}`,
    }),
    en: (p) => ({
      title: `New notice: ${p.title}`,
      body: `HR published the notice "${p.title}". ${p.ask}`,
    }),
  },
  'notice.corrected': {
    'zh-CN': (p) => ({
      title: `通知已更正：${p.title}`,
      body: `人力资源部更正了通知“${p.title}”（第 ${p.version} 版）：${p.reason}。${p.ask}`,
    }),
    en: (p) => ({
      title: `Notice corrected: ${p.title}`,
      body: `HR corrected the notice "${p.title}" (version ${p.version}): ${p.reason}. ${p.ask}`,
    }),
  },
  'notice.reminder': {
    'zh-CN': (p) => ({
      title: `请确认通知：${p.title}`,
      body: `您尚未确认通知“${p.title}”（第 ${p.version} 版，发布于 ${p.publishedOn}）。请阅读并确认。`,
    }),
    en: (p) => ({
      title: `Please acknowledge: ${p.title}`,
      body: `You have not yet acknowledged the notice "${p.title}" (version ${p.version}, published ${p.publishedOn}). Please read and acknowledge it.`,
    }),
  },
} satisfies MessageCatalogue;
