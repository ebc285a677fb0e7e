import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { noticeDelivery } from '#wiring/communication.ts';

const delivery = noticeDelivery();

/** Daily: those who have not acknowledged a notice are reminded after its days; stopped deliveries go on. */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  return delivery.remindDue();
});
