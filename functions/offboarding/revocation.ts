import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '#adapters/logger.ts';
import { makeApplyStage } from '#app/offboarding/resignations/applyStage.ts';
import { hrEvents, type OffboardingCompleted } from '#domain/events.ts';
import { type StageName, stageNames } from '#domain/offboarding/resignation.ts';
import { stageDeps } from '#wiring/resignations.ts';

const applyStage = makeApplyStage(stageDeps());

type ScheduledStage = { employeeId: string; resignationId: string; stage: StageName };

/**
 * Applies revocation stages: invoked by their one-time schedules with the stage to apply, and by the
 * bus when an offboarding completes (the account stage, early). A repeated or late delivery does
 * nothing more.
 */
export async function handler(
  event: ScheduledStage | EventBridgeEvent<string, OffboardingCompleted>,
): Promise<void> {
  const input =
    'detail-type' in event && event['detail-type'] === hrEvents.offboardingCompleted
      ? { ...event.detail, stage: 'account' as const, trigger: 'completion' as const }
      : { ...(event as ScheduledStage), trigger: 'schedule' as const };
  if (!stageNames.includes(input.stage)) throw new Error(`Unknown stage ${input.stage}`);
  const outcome = await applyStage(input);
  logger.info('Revocation stage', { ...input, outcome });
}
