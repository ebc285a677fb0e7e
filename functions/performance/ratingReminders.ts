import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { ratingReminders } from '#wiring/performance.ts';

const remind = ratingReminders();

/** Daily: raters who still owe ratings are reminded the day before their deadline and on the day. */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  return remind();
});
