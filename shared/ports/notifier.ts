import type { Inbox, Notice } from '#domain/notification.ts';
import type { PageRequest, PageResult } from './pages.ts';

/** Tells people things: into their in-app inbox (the Handover capability adds e-mail). */
export interface Notifier {
  notify(to: Inbox, notice: Omit<Notice, 'id' | 'at' | 'readAt'>): Promise<void>;
}

export interface InboxStore {
  list(inbox: Inbox, page: PageRequest): Promise<PageResult<Notice>>;
  /** Marks a notice read; false when the inbox holds no such notice. */
  markRead(inbox: Inbox, noticeId: string, at: string): Promise<boolean>;
}
