import { ReviewComputationTask } from '#domain/performance/index.ts';
import { parseArrival } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { reviewComputation } from '#wiring/performance.ts';

const computation = reviewComputation();

/** The review computation workflow's steps: plan by department, compute one, finish, or record the failure. */
export const handler = arrivalHandler(async (input, context): Promise<unknown> => {
  const task = parseArrival(ReviewComputationTask, input, {
    source: 'Review computation task',
    id: context.awsRequestId,
  });
  switch (task.action) {
    case 'plan':
      return computation.plan(task.detail.cycleId, task.detail.run);
    case 'compute':
      return computation.computeDepartment(task.cycleId, task.run, task.departmentId);
    case 'finish':
      return computation.finish(task.cycleId, task.run);
    case 'fail':
      return computation.fail(
        task.detail.cycleId,
        task.detail.run,
        [task.error.Error, task.error.Cause].filter(Boolean).join(': ') || 'unknown',
      );
  }
});
