import * as z from './zod.ts';

/** The product speaks Chinese and English: every text a person reads comes in their locale. */
export const locales = ['zh-CN', 'en'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/** A text in both languages. */
export type Bilingual<T = string> = Record<Locale, T>;

/** What the product tells people: a title and a body, from plain, already formatted parameters. */
export type MessageText = (params: Record<string, string>) => { title: string; body: string };

/** An area's messages (shared/domain/<area>/messages.ts): each key in both languages. */
export type MessageCatalogue = Record<string, Bilingual<MessageText>>;
