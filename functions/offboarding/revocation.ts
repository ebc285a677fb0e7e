import { offboardingCompleted } from '#domain/offboarding/events/index.ts';
import { ScheduledStage } from '#domain/offboarding/resignation.ts';
import { isBusEvent, parseArrival, readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { logger } from '#wiring/log.ts';
import { revocation } from '#wiring/offboarding.ts';

const applyStage = revocation();

/**
 * Applies revocation stages: invoked by their one-time schedules with the stage to apply, and by the
 * bus when an offboarding completes (the account stage, early). A repeated or late delivery does
 * nothing more.
 */
export const handler = arrivalHandler(async (input, context): Promise<void> => {
  const request = isBusEvent(input)
    ? {
        ...readEvent(input, [offboardingCompleted]).detail,
        stage: 'account' as const,
        trigger: 'completion' as const,
      }
    : {
        ...parseArrival(ScheduledStage, input, { source: 'revocation schedule', id: context.awsRequestId }),
        trigger: 'schedule' as const,
      };
  const outcome = await applyStage(request);
  logger.info('Revocation stage', { ...request, outcome });
});
