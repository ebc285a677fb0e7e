import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '#adapters/logger.ts';
import { makeCaseTasks } from '#app/offboarding/handover/caseTasks.ts';
import { makeFollowResignation } from '#app/offboarding/handover/followResignation.ts';
import { makeOpenCase } from '#app/offboarding/handover/openCase.ts';
import { hrEvents, type ResignationRef, type ResignationSubmitted } from '#domain/events.ts';
import type { NodeKind } from '#domain/offboarding/template.ts';
import { offboardingDeps } from '#wiring/offboarding.ts';

const deps = offboardingDeps();
const openCase = makeOpenCase(deps);
const tasks = makeCaseTasks(deps);
const follow = makeFollowResignation(deps);

/** The execution's input: the ResignationSubmitted event, or a restart that resumes the case. */
type ExecutionInput = { detail: ResignationSubmitted; resume?: boolean };

type TaskEvent =
  | { action: 'open'; input: ExecutionInput; executionId: string }
  | { action: 'advance'; caseId: string; kind: NodeKind }
  | { action: 'await'; caseId: string; kind: NodeKind; token: string }
  | { action: 'attention'; input: ExecutionInput; error: { Error?: string; Cause?: string } };

type BusEvent = EventBridgeEvent<string, ResignationRef>;

/** The handover workflow's case steps, and the case following its resignation (moved day, withdrawal). */
export async function handler(event: TaskEvent | BusEvent): Promise<unknown> {
  if ('detail-type' in event) {
    const { employeeId, resignationId } = event.detail;
    if (event['detail-type'] === hrEvents.resignationWithdrawn)
      await follow.withdrawn(employeeId, resignationId);
    else await follow.changed(employeeId, resignationId);
    return undefined;
  }
  switch (event.action) {
    case 'open':
      return openCase({
        event: event.input.detail,
        executionId: event.executionId,
        resume: event.input.resume === true,
      });
    case 'advance':
      return tasks.advance(event.caseId, event.kind);
    case 'await':
      await tasks.awaitConfirmation(event.caseId, event.kind, event.token);
      return undefined;
    case 'attention':
      logger.error('A handover needs attention', { input: event.input, error: event.error });
      await tasks.flagForAttention(event.input.detail.resignationId, event.error);
      return undefined;
  }
}
