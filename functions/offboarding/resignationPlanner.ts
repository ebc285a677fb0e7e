import {
  offboardingCompleted,
  resignationChanged,
  resignationSubmitted,
  resignationWithdrawn,
} from '#domain/offboarding/events/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { resignationPlanner } from '#wiring/offboarding.ts';

const { plan, unschedule, complete } = resignationPlanner();

/**
 * Puts each resignation's revocation plan into effect, takes a withdrawn one's schedules away, and
 * sets the account's time when the handover completes.
 */
export const handler = arrivalHandler(async (input): Promise<void> => {
  const event = readEvent(input, [
    resignationSubmitted,
    resignationChanged,
    resignationWithdrawn,
    offboardingCompleted,
  ]);
  const { employeeId, resignationId } = event.detail;
  if (event.name === resignationWithdrawn.name) await unschedule(employeeId, resignationId);
  else if (event.name === offboardingCompleted.name) await complete(employeeId, resignationId);
  else
    await plan(employeeId, resignationId, event.name === resignationChanged.name ? 'replan' : 'submission');
});
