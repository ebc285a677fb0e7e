import { Duration } from 'aws-cdk-lib';
import { IntegrationPattern, JsonPath, Parallel, TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import {
  offboardingCompleted,
  resignationSubmitted,
  resignationWithdrawn,
} from '#domain/offboarding/events/index.ts';
import { type FunctionDefinition, functionManifest, type Trigger } from '#functions/manifest.ts';
import type { WorkflowDefinition } from '#infra/workflows/workflowDefinition.ts';

const recorder = (id: string, trigger: Trigger): FunctionDefinition => ({
  id,
  entry: 'test/integration/support/recorder/handler.ts',
  description: `Records what reaches ${id}`,
  triggers: [trigger],
  needs: { tables: { hr: 'write' } },
});

/** Recorders on every kind of trigger the runtime dispatches (and no product function to reach). */
export const recorderManifest: readonly FunctionDefinition[] = [
  recorder('OnResignation', { kind: 'event', events: [resignationSubmitted] }),
  recorder('AlsoOnResignation', {
    kind: 'event',
    events: [resignationSubmitted, resignationWithdrawn],
  }),
  recorder('OnCompletion', { kind: 'event', events: [offboardingCompleted] }),
  recorder('ScheduledStage', { kind: 'scheduleTarget' }),
  recorder('TestTask', { kind: 'workflowTask' }),
];

/** The product's functions plus the recorders. */
export const runtimeTestManifest: readonly FunctionDefinition[] = [...functionManifest, ...recorderManifest];

const step = (name: string) => ({
  step: name,
  key: JsonPath.format('{}-{}', JsonPath.stringAt('$.caseId'), name),
});

/**
 * A handover in miniature, with what the real one needs from Step Functions: parallel branches, a task
 * that waits for a token with a timeout, a reminder on `States.Timeout`, a retried flaky task.
 */
export const testWorkflow: WorkflowDefinition = {
  id: 'TestHandover',
  description: 'Exercises task tokens, timeouts and retries on the local interpreter',
  timeout: Duration.days(60),
  build(scope, task) {
    const fn = task('TestTask');
    const waitForToken = (id: string, days: number) =>
      new LambdaInvoke(scope, id, {
        lambdaFunction: fn,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({ ...step(id), token: JsonPath.taskToken }),
        taskTimeout: Timeout.duration(Duration.days(days)),
        resultPath: '$.answer',
      });
    const call = (id: string, extra: Record<string, unknown> = {}) =>
      new LambdaInvoke(scope, id, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ ...step(id), ...extra }),
        resultPath: JsonPath.DISCARD,
        retryOnServiceExceptions: false,
      });

    const approve = waitForToken('Wait for approval', 2);
    const approveAfterReminder = waitForToken('Wait after reminder', 1);
    approve.addCatch(call('Remind').next(approveAfterReminder), {
      errors: ['States.Timeout'],
      resultPath: JsonPath.DISCARD,
    });
    approveAfterReminder.addCatch(call('Escalate'), {
      errors: ['States.Timeout'],
      resultPath: JsonPath.DISCARD,
    });
    const flaky = call('Do flaky work', { failTimes: 1 }).addRetry({
      errors: ['States.ALL'],
      maxAttempts: 2,
      interval: Duration.seconds(30),
    });
    return new Parallel(scope, 'Nodes', { resultPath: JsonPath.DISCARD })
      .branch(approve)
      .branch(flaky)
      .next(call('Complete'));
  },
};
