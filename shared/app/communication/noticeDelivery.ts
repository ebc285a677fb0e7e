import {
  acknowledgementKey,
  type Notice,
  noticePublished,
  receiptState,
  receiptsPerTransaction,
} from '#domain/communication/index.ts';
import type { MessageKey } from '#domain/messages.ts';
import type { Clock } from '#kernel/clock.ts';
import { eventOf } from '#kernel/events.ts';
import { everyPage } from '#kernel/pages.ts';
import { localDate } from '#kernel/time.ts';
import type { NoticeStore } from '#ports/communication/index.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import type { Messenger } from './messenger.ts';

export interface NoticeDeliveryDeps {
  notices: NoticeStore;
  tell: Messenger;
  bus: EventBus;
  clock: Clock;
  timeZone: string;
}

/** People told at once: one read of their records, then each in their language and channels. */
const tellBatch = 50;
/** What a run leaves itself before its time is up: it hands the rest to a new delivery. */
const reserveMs = 60_000;
/** A delivery still going after this long has lost its event. */
const stuckAfterMs = 15 * 60_000;

const askOf = (n: Notice) =>
  n.requiresAcknowledgement
    ? { 'zh-CN': '请阅读并确认。', en: 'Please read and acknowledge it.' }
    : { 'zh-CN': '请阅读。', en: 'Please read it.' };

/**
 * Delivery of a notice's version: receipts for the frozen recipients, then each one told, both with
 * their progress on the notice, so a second delivery of the event, or a run after a crash, goes on
 * where the last stopped and tells nobody twice. Reminders: once per version, after its days, to
 * those who have not acknowledged it.
 */
export function makeNoticeDelivery({ notices, tell, bus, clock, timeZone }: NoticeDeliveryDeps) {
  return {
    async deliver(id: string, version: number, remainingMs: () => number): Promise<Notice | undefined> {
      let notice = await notices.get(id, { consistent: true });
      if (!notice || notice.version !== version || notice.status === 'delivered') return notice;
      const recipients = await notices.audience(id);
      const at = clock.now().toISOString();
      const handOver = async () => {
        await bus.publish([eventOf(noticePublished, { noticeId: id, version })]);
        return notice;
      };
      while (notice.delivered < recipients.length) {
        if (remainingMs() < reserveMs) return handOver();
        const from: number = notice.delivered;
        const batch = recipients.slice(from, from + receiptsPerTransaction);
        if (await notices.deliver(notice, from, batch, at))
          notice = { ...notice, delivered: from + batch.length };
        else {
          // Another delivery moved on meanwhile: go on from where it is.
          notice = await notices.get(id, { consistent: true });
          if (!notice || notice.version !== version) return notice;
        }
      }
      const key: MessageKey = version === 1 ? 'notice.published' : 'notice.corrected';
      const last = notice.versions.at(-1);
      while (notice.told < recipients.length) {
        if (remainingMs() < reserveMs) return handOver();
        const from: number = notice.told;
        const batch = recipients.slice(from, from + tellBatch);
        await tell(
          batch.map((r) => ({ employeeId: r.employeeId })),
          key,
          { title: notice.title, ask: askOf(notice), version: String(version), reason: last?.reason ?? '' },
          {
            dedupeKey: `notice:${id}:v${version}`,
            link: `/v1/notices/${id}`,
            // In WeCom the card itself acknowledges this version (the callback takes the press).
            ...(notice.requiresAcknowledgement
              ? { wecomButton: { key: acknowledgementKey(id, notice.contentHash), text: '确认 Acknowledge' } }
              : {}),
          },
        );
        if (await notices.markTold(notice, from, from + batch.length))
          notice = { ...notice, told: from + batch.length };
        else {
          notice = await notices.get(id, { consistent: true });
          if (!notice || notice.version !== version) return notice;
        }
      }
      await notices.markDelivered(notice);
      return { ...notice, status: 'delivered' };
    },

    /**
     * The reminders due today (in the company's zone): for each notice, those who have not acknowledged
     * its current version are told once. A notice still being delivered is reminded once delivered;
     * one whose delivery has stopped is delivered on.
     */
    async remindDue(): Promise<{ notices: number; reminded: number; resumed: number }> {
      const now = clock.now();
      // A delivery whose event was lost (a crash right after publishing) goes on.
      const stuck = (await everyPage((page) => notices.delivering(page))).filter(
        (n) => now.getTime() - Date.parse(n.publishedAt) > stuckAfterMs,
      );
      if (stuck.length > 0)
        await bus.publish(stuck.map((n) => eventOf(noticePublished, { noticeId: n.id, version: n.version })));
      const today = localDate(now, timeZone);
      const due = await everyPage((page) => notices.remindersDue(today, page));
      let reminded = 0;
      for (const notice of due) {
        if (notice.status !== 'delivered') continue;
        const receipts = await everyPage((page) => notices.receipts(notice.id, page), 1000);
        const pending = receipts.filter((r) => !receiptState(r, notice.version).acknowledged);
        const publishedOn = localDate(new Date(notice.publishedAt), timeZone);
        for (let from = 0; from < pending.length; from += tellBatch) {
          const batch = pending.slice(from, from + tellBatch);
          await tell(
            batch.map((r) => ({ employeeId: r.employeeId })),
            'notice.reminder',
            { title: notice.title, version: String(notice.version), publishedOn },
            {
              dedupeKey: `notice:${notice.id}:v${notice.version}:reminder`,
              link: `/v1/notices/${notice.id}`,
            },
          );
          const at = clock.now().toISOString();
          for (const r of batch) await notices.markReceiptReminded(r, at);
        }
        await notices.markReminded(notice, now.toISOString());
        reminded += pending.length;
      }
      return { notices: due.length, reminded, resumed: stuck.length };
    },
  };
}
