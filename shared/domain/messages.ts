import type { Bilingual, Locale, MessageCatalogue } from '#kernel/locale.ts';
import { attendanceMessages } from './attendance/messages.ts';
import { communicationMessages } from './communication/messages.ts';
import { importMessages } from './imports/messages.ts';
import { offboardingMessages } from './offboarding/messages.ts';
import { performanceMessages } from './performance/messages.ts';
import { riskMessages } from './risk/messages.ts';
import { successionMessages } from './succession/messages.ts';
import { trainingMessages } from './training/messages.ts';

/**
 * What the product tells people, in Chinese and English: every area's messages
 * (shared/domain/<area>/messages.ts), merged. Each recipient reads a message in their own locale; a
 * shared inbox (HR, the admin office) gets both. A new area adds its catalogue here.
 */
const catalogue = {
  ...offboardingMessages,
  ...importMessages,
  ...riskMessages,
  ...communicationMessages,
  ...performanceMessages,
  ...attendanceMessages,
  ...trainingMessages,
  ...successionMessages,
} satisfies MessageCatalogue;

export type MessageKey = keyof typeof catalogue;

/**
 * A message's parameters: plain text, the same in both languages (an id, a date, a count), or text in
 * each (a person's name, a node's name), of which each reader gets theirs.
 */
export type MessageParams = Readonly<Record<string, string | Bilingual>>;

export function render(key: MessageKey, locale: Locale, params: MessageParams) {
  const resolved = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? value : value[locale]]),
  );
  return catalogue[key][locale](resolved);
}

/** Both languages, Chinese first: for shared inboxes. */
export function renderBoth(key: MessageKey, params: MessageParams): { title: string; body: string } {
  const zh = render(key, 'zh-CN', params);
  const en = render(key, 'en', params);
  return { title: `${zh.title} / ${en.title}`, body: `${zh.body}\n\n${en.body}` };
}
