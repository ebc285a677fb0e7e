import type { Conversation, ConversationMessage } from '#domain/communication/conversation.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** HR's private threads with employees (table Hr). */
export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** Those someone is a side of: as the employee (`employee`) or as HR (`hr`), newest first. */
  listOf(employeeId: string, side: 'employee' | 'hr', page: PageRequest): Promise<PageResult<Conversation>>;
  /** Requests for a talk nobody in HR holds yet, oldest first. */
  requests(page: PageRequest): Promise<PageResult<Conversation>>;
  messages(id: string): Promise<ConversationMessage[]>;
  create(conversation: Conversation, first: ConversationMessage): Promise<boolean>;
  /** The next state with its message, on condition that it is still `before`'s version. */
  update(before: Conversation, after: Conversation, message: ConversationMessage): Promise<boolean>;
}
