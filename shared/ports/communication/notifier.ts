import type { Inbox, Notification } from '#domain/communication/notification.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** A notification to put in an inbox; with a `dedupeKey` it is put once however often it is sent. */
export interface NotificationDraft {
  to: Inbox;
  notification: Omit<Notification, 'id' | 'at' | 'readAt'>;
  dedupeKey?: string;
}

/** Tells people things: into their in-app inbox. */
export interface Notifier {
  /**
   * Puts notifications in their inboxes, many to a write where it can; a retried workflow task or a
   * delivery run again reminds nobody twice. Returns, for each, whether it is new.
   */
  notify(drafts: readonly NotificationDraft[]): Promise<boolean[]>;
}

export interface InboxStore {
  list(inbox: Inbox, page: PageRequest): Promise<PageResult<Notification>>;
  /** Marks a notice read; false when the inbox holds no such notice. */
  markRead(inbox: Inbox, notificationId: string, at: string): Promise<boolean>;
}
