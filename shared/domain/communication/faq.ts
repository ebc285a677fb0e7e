import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { QuestionCategory } from './question.ts';

export const FaqId = z.string().check(z.regex(/^FAQ[0-9a-f]{16}$/, 'A FAQ id is FAQ and 16 hex characters'));

const both = (max: number) =>
  z.strictObject({
    'zh-CN': z.string().check(z.trim(), z.minLength(2), z.maxLength(max)),
    en: z.string().check(z.trim(), z.minLength(2), z.maxLength(max)),
  });

/** What HR publishes from an answered question: its gist and answer in both languages, nobody's name. */
export const NewFaqEntry = z.strictObject({
  questionId: z.string().check(z.regex(/^Q\d{14}[0-9a-f]{8}$/)),
  question: both(500),
  answer: both(5000),
});
export type NewFaqEntry = z.infer<typeof NewFaqEntry>;

/**
 * A FAQ entry, for everyone. It keeps no asker and no question id: only the category and the words
 * HR published. Items (table Hr): pk = FAQ  sk = ENTRY#<id>; the FAQ is one partition, read whole.
 */
export const FaqEntry = z.object({
  id: FaqId,
  category: QuestionCategory,
  question: both(500),
  answer: both(5000),
  publishedAt: Timestamp,
  publishedBy: EmployeeId,
});
export type FaqEntry = z.infer<typeof FaqEntry>;

export const faqKeys = {
  partition: 'FAQ',
  entry: (id: string) => ({ pk: 'FAQ', sk: `ENTRY#${id}` }),
  prefix: 'ENTRY#',
};
