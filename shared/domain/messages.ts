import type { Locale, MessageCatalogue } from '#kernel/locale.ts';
import { importMessages } from './imports/messages.ts';
import { offboardingMessages } from './offboarding/messages.ts';

/**
 * What the product tells people, in Chinese and English: every area's messages
 * (shared/domain/<area>/messages.ts), merged. Each recipient reads a message in their own locale; a
 * shared inbox (HR, the admin office) gets both. A new area adds its catalogue here.
 */
const catalogue = { ...offboardingMessages, ...importMessages } satisfies MessageCatalogue;

export type MessageKey = keyof typeof catalogue;

export function render(key: MessageKey, locale: Locale, params: Record<string, string>) {
  return catalogue[key][locale](params);
}

/** Both languages, Chinese first: for shared inboxes. */
export function renderBoth(key: MessageKey, params: Record<string, string>): { title: string; body: string } {
  const zh = render(key, 'zh-CN', params);
  const en = render(key, 'en', params);
  return { title: `${zh.title} / ${en.title}`, body: `${zh.body}\n\n${en.body}` };
}
