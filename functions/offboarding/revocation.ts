import { ScheduledStage } from '#domain/offboarding/resignation.ts';
import { parseArrival } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { logger } from '#wiring/log.ts';
import { revocation } from '#wiring/offboarding.ts';

const { applyStage, notice } = revocation();

/**
 * Applies revocation stages when their one-time schedules fire, and tells the leaver and her manager
 * a day before the account goes. A repeated or late delivery does nothing more.
 */
export const handler = arrivalHandler(async (input, context): Promise<void> => {
  const { notice: isNotice, ...scheduled } = parseArrival(ScheduledStage, input, {
    source: 'revocation schedule',
    id: context.awsRequestId,
  });
  const outcome = isNotice
    ? await notice(scheduled.employeeId, scheduled.resignationId)
    : await applyStage({ ...scheduled, trigger: 'schedule' });
  logger.info(isNotice ? 'Account notice' : 'Revocation stage', { ...scheduled, outcome });
});
