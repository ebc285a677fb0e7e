import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { logger } from '#wiring/log.ts';
import { complianceSweep } from '#wiring/offboarding.ts';

const sweep = complianceSweep();

/** Daily: applies what the schedules missed and tells HR what it fixed. */
export const handler = arrivalHandler(async (input, context): Promise<{ fixed: number }> => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  const fixes = await sweep();
  if (fixes.length > 0) logger.warn('The compliance sweep fixed the revocation plans', { fixes });
  return { fixed: fixes.length };
});
