import type { Feedback, FeedbackMessage } from '#domain/communication/feedback.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** Anonymous feedback, its threads, its receipts, spent tokens and issuance counts (table Hr). */
export interface FeedbackStore {
  /**
   * Counts `n` more tokens for the person in the month, on condition that they stay within `limit`;
   * the count reached, or undefined when it would pass the limit.
   */
  countIssued(epoch: string, employeeId: string, n: number, limit: number): Promise<number | undefined>;
  issued(epoch: string, employeeId: string): Promise<number>;
  /**
   * The item, its first message, its receipt and the spent token, at once; false when the token was
   * spent before (nothing is written then).
   */
  create(item: Feedback, first: FeedbackMessage, receiptHash: string, tokenHash: string): Promise<boolean>;
  get(id: string): Promise<Feedback | undefined>;
  /** Newest day first. */
  list(page: PageRequest): Promise<PageResult<Feedback>>;
  byReceipt(receiptHash: string): Promise<Feedback | undefined>;
  messages(id: string): Promise<FeedbackMessage[]>;
  /** The next message, on condition that the item still has `before.messages`; false when it moved. */
  addMessage(before: Feedback, message: FeedbackMessage): Promise<boolean>;
  /** A status (and outcome) by HR, on condition of the version read. */
  update(before: Feedback, after: Feedback): Promise<boolean>;
  /** Whether a token was spent. */
  spent(tokenHash: string): Promise<boolean>;
}
