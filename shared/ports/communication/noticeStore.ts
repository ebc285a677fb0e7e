import type { Notice, NoticeReceipt, Recipient } from '#domain/communication/notice.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

/** Notices, their frozen recipient lists and one receipt per recipient (table Hr). */
export interface NoticeStore {
  get(id: string, options?: { consistent?: boolean }): Promise<Notice | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, Notice>>;
  /** Every notice, newest first. */
  list(page: PageRequest): Promise<PageResult<Notice>>;
  /** A person's receipts, newest notice first. */
  receiptsOf(employeeId: string, page: PageRequest): Promise<PageResult<NoticeReceipt>>;
  /** A notice's receipts, by employee id. */
  receipts(noticeId: string, page: PageRequest): Promise<PageResult<NoticeReceipt>>;
  receipt(noticeId: string, employeeId: string): Promise<NoticeReceipt | undefined>;
  /** The recipients as frozen at publication, in their order. */
  audience(noticeId: string): Promise<Recipient[]>;
  /** The notice and its frozen recipient lists; refused when the id is taken. */
  prepareCreate(notice: Notice, recipients: readonly Recipient[]): PreparedChange;
  /** A new version (a correction), on condition that the stored one is still `before`'s. */
  prepareCorrection(before: Notice, after: Notice): PreparedChange;
  /**
   * Writes the receipts of `recipients` (the next ones after `from`) and moves the notice's progress
   * on, at once; false when someone else moved it first (a duplicate delivery).
   */
  deliver(notice: Notice, from: number, recipients: readonly Recipient[], at: string): Promise<boolean>;
  /** Moves on how many have been told of the version; false when someone else moved it first. */
  markTold(notice: Notice, from: number, to: number): Promise<boolean>;
  /** The version's delivery is done; false when it is not that version any more. */
  markDelivered(notice: Notice): Promise<boolean>;
  /** A first read of this version by its recipient; nothing when they read it before. */
  markRead(receipt: NoticeReceipt, version: number, at: string): Promise<void>;
  /** The acknowledgement of `version`, on condition that the receipt has not acknowledged it yet. */
  prepareAcknowledgement(receipt: NoticeReceipt, after: NoticeReceipt): PreparedChange;
  /** Notices whose current version is still being delivered, oldest first. */
  delivering(page: PageRequest): Promise<PageResult<Notice>>;
  /** Notices whose reminder falls on or before `day`. */
  remindersDue(day: string, page: PageRequest): Promise<PageResult<Notice>>;
  /** The receipt's recipient has been reminded of the version. */
  markReceiptReminded(receipt: NoticeReceipt, at: string): Promise<void>;
  /** The version's reminders are sent; false when it is not that version any more. */
  markReminded(notice: Notice, at: string): Promise<boolean>;
}
