import { completionTask } from '#domain/offboarding/completionTask.ts';
import { parseArrival } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { handoverCompletion } from '#wiring/offboarding.ts';

const completion = handoverCompletion();

/** The handover's last steps: customers to their successors, the report, completion. */
export const handler = arrivalHandler(async (input, context): Promise<unknown> => {
  const task = parseArrival(completionTask, input, { source: 'Handover task', id: context.awsRequestId });
  return completion[task.action](task.caseId);
});
