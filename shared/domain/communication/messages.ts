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
  'question.asked': {
    'zh-CN': (p) => ({
      title: `新问题：${p.subject}`,
      body: `员工向人力资源部提问“${p.subject}”，首次答复截止 ${p.due}。`,
    }),
    en: (p) => ({
      title: `New question: ${p.subject}`,
      body: `Someone asked HR "${p.subject}"; the first answer is due ${p.due}.`,
    }),
  },
  'question.assigned': {
    'zh-CN': (p) => ({ title: `问题已分配给您：${p.subject}`, body: `请答复问题“${p.subject}”。` }),
    en: (p) => ({
      title: `A question for you: ${p.subject}`,
      body: `Please answer the question "${p.subject}".`,
    }),
  },
  'question.answered': {
    'zh-CN': (p) => ({
      title: `您的问题已答复：${p.subject}`,
      body: `人力资源部答复了您的问题“${p.subject}”。可以回复、重新打开或评价答复。`,
    }),
    en: (p) => ({
      title: `Your question was answered: ${p.subject}`,
      body: `HR answered your question "${p.subject}". You can reply, reopen it or rate the answer.`,
    }),
  },
  'question.replied': {
    'zh-CN': (p) => ({ title: `提问人回复了：${p.subject}`, body: `提问人在问题“${p.subject}”中回复了。` }),
    en: (p) => ({
      title: `The asker replied: ${p.subject}`,
      body: `The asker wrote again in "${p.subject}".`,
    }),
  },
  'question.reminder': {
    'zh-CN': (p) => ({
      title: `问题即将超时：${p.subject}`,
      body: `问题“${p.subject}”的首次答复截止 ${p.due}，尚未答复。`,
    }),
    en: (p) => ({
      title: `A question is nearly due: ${p.subject}`,
      body: `The first answer to "${p.subject}" is due ${p.due} and has not been given.`,
    }),
  },
  'question.escalated': {
    'zh-CN': (p) => ({
      title: `问题已超时：${p.subject}`,
      body: `问题“${p.subject}”在截止时间 ${p.due} 前未得到答复，现上报处理。`,
    }),
    en: (p) => ({
      title: `A question is overdue: ${p.subject}`,
      body: `"${p.subject}" had no answer by ${p.due}; it is escalated to you.`,
    }),
  },
  'conversation.message': {
    'zh-CN': (p) => ({ title: `新消息：${p.subject}`, body: `对话“${p.subject}”中有一条新消息。` }),
    en: (p) => ({
      title: `New message: ${p.subject}`,
      body: `There is a new message in the conversation "${p.subject}".`,
    }),
  },
} satisfies MessageCatalogue;
