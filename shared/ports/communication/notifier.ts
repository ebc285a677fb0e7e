import type { Inbox, Notice } from '#domain/communication/notification.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** Tells people things: into their in-app inbox. */
export interface Notifier {
  /**
   * Puts a notice in an inbox. With a `dedupeKey` the same notice is put once however often it is
   * sent (a retried workflow task reminds nobody twice); returns whether it is new.
   */
  notify(
    to: Inbox,
    notice: Omit<Notice, 'id' | 'at' | 'readAt'>,
    options?: { dedupeKey?: string },
  ): Promise<boolean>;
}

export interface InboxStore {
  list(inbox: Inbox, page: PageRequest): Promise<PageResult<Notice>>;
  /** Marks a notice read; false when the inbox holds no such notice. */
  markRead(inbox: Inbox, noticeId: string, at: string): Promise<boolean>;
}
