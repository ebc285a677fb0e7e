import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { trainingReminders } from '#wiring/training.ts';

const remind = trainingReminders();

/** Daily: everyone enrolled in a session that starts tomorrow is told, with its time and place. */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  return remind();
});
