import { noticePublished } from '#domain/communication/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { noticeDelivery } from '#wiring/communication.ts';
import { logger } from '#wiring/log.ts';

const delivery = noticeDelivery();

/**
 * Delivers a notice's version as far as this invocation gets: receipts, then each recipient told;
 * what is left goes to its next invocation (NoticePublished again).
 */
export const handler = arrivalHandler(async (input, context) => {
  const { noticeId, version } = readEvent(input, [noticePublished]).detail;
  const notice = await delivery.deliver(
    noticeId,
    version,
    () => context.getRemainingTimeInMillis?.() ?? 900_000,
  );
  logger.info('Notice delivered', { noticeId, version, status: notice?.status, told: notice?.told });
  return { noticeId, version, status: notice?.status };
});
