import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * A workflow's Lambda task: the function's answer under `<resultPath>.value`, Lambda's own errors
 * retried, and a failed task tried three more times (5 s, 15 s, 45 s) before a Catch takes it.
 */
export const lambdaStep = (
  scope: Construct,
  id: string,
  fn: IFunction,
  payload: TaskInput,
  resultPath: string,
) =>
  new LambdaInvoke(scope, id, {
    lambdaFunction: fn,
    payload,
    payloadResponseOnly: false,
    resultSelector: { 'value.$': '$.Payload' },
    resultPath,
    retryOnServiceExceptions: true,
  }).addRetry({
    errors: ['States.TaskFailed'],
    interval: Duration.seconds(5),
    backoffRate: 3,
    maxAttempts: 4,
  });
