import { Duration } from 'aws-cdk-lib';
import {
  Choice,
  Condition,
  Fail,
  IntegrationPattern,
  JsonPath,
  Map as MapState,
  Succeed,
  type TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import {
  advanceNodeTask,
  attentionTask,
  awaitNodeTask,
  completionTask,
  openCaseTask,
} from '#domain/offboarding/index.ts';
import { functionIds } from '#wiring/functionIds.ts';
import { lambdaStep } from './lambdaStep.ts';
import { taskPayload } from './taskPayload.ts';
import type { WorkflowDefinition } from './workflowDefinition.ts';

/**
 * The offboarding handover, one execution per case:
 *
 *   Open the case ──► (another execution drives it? stop)
 *   Map over the case's nodes, all at once:
 *     Advance the node ──► closed? done
 *         ▲                └► Wait for confirmation (task token, timeout = until the next reminder
 *         └──── success or States.Timeout ─┘          or deadline, read from the case)
 *   Apply the handovers (customers move…) ──► (withdrawn? stop) ──► Compile the report ──► Complete
 *                                                                          (OffboardingCompleted)
 *   any failure after retries ──► Flag for attention (HR is alerted) ──► Fail
 *
 * Every task reads the case from DynamoDB: the case, not the execution, is the truth, so an execution
 * started again for a case continues where the last one stopped. The machine knows no node kind: the
 * nodes come from the case, and what each does is its kind's (shared/app/offboarding/handover/nodes).
 * Each task's payload is built from the schema its function parses it with.
 */
export const handoverWorkflow: WorkflowDefinition = {
  id: 'Handover',
  description: 'The offboarding handover of one resignation: nodes with deadlines, reminders and signatures',
  // Notice periods run to a few months; nodes may stay overdue for a while after that.
  timeout: Duration.days(200),
  build(scope, task) {
    const caseFunction = task(functionIds.handoverCase);
    const completion = task(functionIds.handoverCompletion);
    const step = (id: string, fn: typeof caseFunction, payload: TaskInput, resultPath: string) =>
      lambdaStep(scope, id, fn, payload, resultPath);

    const attention = new LambdaInvoke(scope, 'Flag for attention', {
      lambdaFunction: caseFunction,
      payload: taskPayload(attentionTask, {
        action: 'attention',
        input: JsonPath.executionInput,
        error: JsonPath.objectAt('$.error'),
      }),
      resultPath: JsonPath.DISCARD,
    }).next(
      new Fail(scope, 'Stopped; HR alerted', {
        error: 'HandoverFailed',
        cause: 'See the case: needs_attention',
      }),
    );
    const onFailure = { errors: ['States.ALL'], resultPath: '$.error' };

    const open = step(
      'Open the case',
      caseFunction,
      taskPayload(openCaseTask, {
        action: 'open',
        input: JsonPath.entirePayload,
        executionId: JsonPath.executionId,
      }),
      '$.open',
    ).addCatch(attention, onFailure);

    // One iteration per node: advance (remind, escalate) and wait for the confirmation that closes it.
    const advance = step(
      'Advance the node',
      caseFunction,
      taskPayload(advanceNodeTask, {
        action: 'advance',
        caseId: JsonPath.stringAt('$.caseId'),
        kind: JsonPath.stringAt('$.kind'),
      }),
      '$.advance',
    );
    const wait = new LambdaInvoke(scope, 'Wait for confirmation', {
      lambdaFunction: caseFunction,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: taskPayload(awaitNodeTask, {
        action: 'await',
        caseId: JsonPath.stringAt('$.caseId'),
        kind: JsonPath.stringAt('$.kind'),
        token: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.at('$.advance.value.waitSeconds'),
      resultPath: JsonPath.DISCARD,
    });
    wait.addCatch(advance, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    const nodeLoop = advance.next(
      new Choice(scope, 'Node closed?')
        .when(Condition.booleanEquals('$.advance.value.done', true), new Succeed(scope, 'Node done'))
        .otherwise(wait.next(advance)),
    );
    const nodes = new MapState(scope, 'Hand over, node by node', {
      itemsPath: '$.open.value.nodes',
      itemSelector: { 'caseId.$': '$.open.value.caseId', 'kind.$': '$$.Map.Item.Value' },
      maxConcurrency: 0,
      resultPath: JsonPath.DISCARD,
    });
    nodes.itemProcessor(nodeLoop);
    nodes.addCatch(attention, onFailure);

    const closing = (action: 'apply' | 'report' | 'complete') =>
      taskPayload(completionTask, { action, caseId: JsonPath.stringAt('$.open.value.caseId') });
    const apply = step('Apply the handovers', completion, closing('apply'), '$.apply');
    const report = step('Compile the handover report', completion, closing('report'), '$.report');
    const complete = step('Complete the case', completion, closing('complete'), '$.complete');
    for (const s of [apply, report, complete]) s.addCatch(attention, onFailure);

    return open.next(
      new Choice(scope, 'Does this execution drive the case?')
        .when(
          Condition.booleanEquals('$.open.value.proceed', false),
          new Succeed(scope, 'Driven elsewhere, or nothing to do'),
        )
        .otherwise(
          nodes
            .next(apply)
            .next(
              new Choice(scope, 'Withdrawn meanwhile?')
                .when(
                  Condition.booleanEquals('$.apply.value.cancelled', true),
                  new Succeed(scope, 'Withdrawn'),
                )
                .otherwise(report.next(complete).next(new Succeed(scope, 'Handed over'))),
            ),
        ),
    );
  },
};
