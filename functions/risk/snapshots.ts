import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { riskSnapshots } from '#wiring/risk.ts';

const snapshots = riskSnapshots();

/** Daily: every department's risk as of yesterday, kept as its trend; HR hears of thresholds crossed. */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  return snapshots.run();
});
