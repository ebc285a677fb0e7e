import type { EventBridgeEvent } from 'aws-lambda';
import { makePlanResignation } from '#app/offboarding/resignations/planResignation.ts';
import { hrEvents, type ResignationRef } from '#domain/events.ts';
import { resignationDeps } from '#wiring/resignations.ts';

const { plan, unschedule } = makePlanResignation(resignationDeps());

/** Puts each resignation's revocation plan into effect, and takes a withdrawn one's schedules away. */
export async function handler(event: EventBridgeEvent<string, ResignationRef>): Promise<void> {
  const { employeeId, resignationId } = event.detail;
  if (event['detail-type'] === hrEvents.resignationWithdrawn) await unschedule(employeeId, resignationId);
  else
    await plan(
      employeeId,
      resignationId,
      event['detail-type'] === hrEvents.resignationChanged ? 'replan' : 'submission',
    );
}
