/**
 * In-app notifications. A notification goes to one employee, or to a shared inbox (HR's, the admin office's). Items (table Hr):
 *   pk = INBOX#EMP#<employeeId> | INBOX#hr | INBOX#admin_office    sk = NOTE#<id>
 * Ids sort by time, so an inbox reads newest first with one Query.
 */
export type SharedInbox = 'hr' | 'admin_office';
export type Inbox = { employeeId: string } | { shared: SharedInbox };

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  at: string;
  data?: Record<string, unknown>;
  /** Where what it is about is: its API path (GET it with your token). */
  link?: string;
  readAt?: string;
}

/** N + the UTC time to the millisecond + random hex: N20261127120000123a1b2c3d. */
export const notificationId = (at: Date, random: string) =>
  `N${at.toISOString().replace(/[-:T.Z]/g, '')}${random}`;
export const NotificationIdPattern = /^N\d{17}[0-9a-f]{8}$/;

export const inboxPrefix = 'INBOX#';
export const inboxPartition = (inbox: Inbox) =>
  `${inboxPrefix}${'employeeId' in inbox ? `EMP#${inbox.employeeId}` : inbox.shared}`;
export const notificationSortKey = (id: string) => `NOTE#${id}`;
