import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { attendanceDays } from '#wiring/attendance.ts';

const days = attendanceDays();

/** Hourly: each site's work dates that have ended become attendance days; expired positions go. */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'hourly rule', id: context.awsRequestId });
  return days.sweep();
});
