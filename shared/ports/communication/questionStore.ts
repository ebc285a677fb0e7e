import type { FaqEntry } from '#domain/communication/faq.ts';
import type { Question, QuestionMessage } from '#domain/communication/question.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** Questions to HR with their threads, and the FAQ (table Hr). */
export interface QuestionStore {
  get(id: string): Promise<Question | undefined>;
  /** A person's questions, newest first. */
  listOf(askerId: string, page: PageRequest): Promise<PageResult<Question>>;
  /** Every question, newest first (HR). */
  list(page: PageRequest): Promise<PageResult<Question>>;
  messages(id: string): Promise<QuestionMessage[]>;
  /** The question and its first message; false when the id is taken. */
  create(question: Question, first: QuestionMessage): Promise<boolean>;
  /** The next state, with a message or not, on condition that it is still `before`'s version. */
  update(before: Question, after: Question, message?: QuestionMessage): Promise<boolean>;
  faq(): Promise<FaqEntry[]>;
  publishFaq(entry: FaqEntry): Promise<void>;
}
