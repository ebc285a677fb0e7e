import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { moveEmbeddedDeals } from '#wiring/customers.ts';
import { logger } from '#wiring/log.ts';

const move = moveEmbeddedDeals();

/**
 * Daily (and once by hand after an upgrade): moves deals still embedded in customer records to records
 * of their own and builds the knowledge record of customers that have none. Finds nothing once done.
 */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  const result = await move();
  if (result.moved > 0 || result.built > 0) logger.info('Customer records upgraded', { ...result });
  return result;
});
