import { resignationChanged, resignationWithdrawn } from '#domain/offboarding/events/index.ts';
import { HandoverCaseTask } from '#domain/offboarding/handoverTasks.ts';
import { isBusEvent, parseArrival, readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { handoverSteps } from '#wiring/offboarding.ts';

const { openCase, tasks, follow } = handoverSteps();

/** The handover workflow's case steps, and the case following its resignation (moved day, withdrawal). */
export const handler = arrivalHandler(async (input, context): Promise<unknown> => {
  if (isBusEvent(input)) {
    const event = readEvent(input, [resignationChanged, resignationWithdrawn]);
    const { employeeId, resignationId } = event.detail;
    if (event.name === resignationWithdrawn.name) await follow.withdrawn(employeeId, resignationId);
    else await follow.changed(employeeId, resignationId);
    return undefined;
  }
  const task = parseArrival(HandoverCaseTask, input, { source: 'Handover task', id: context.awsRequestId });
  switch (task.action) {
    case 'open':
      return openCase({
        event: task.input.detail,
        executionId: task.executionId,
        resume: task.input.resume === true,
      });
    case 'advance':
      return tasks.advance(task.caseId, task.kind);
    case 'await':
      await tasks.awaitConfirmation(task.caseId, task.kind, task.token);
      return undefined;
    case 'attention':
      // The logger loads for this rare path only.
      (await import('#wiring/log.ts')).logger.error('A handover needs attention', {
        input: task.input,
        error: task.error,
      });
      await tasks.flagForAttention(task.input.detail.resignationId, task.error);
      return undefined;
  }
});
