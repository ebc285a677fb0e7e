import { Duration } from 'aws-cdk-lib';
import { Fail, JsonPath, Map as MapState, Succeed, type TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import {
  computeDepartmentTask,
  failComputationTask,
  finishComputationTask,
  planComputationTask,
} from '#domain/performance/index.ts';
import { functionIds } from '#wiring/functionIds.ts';
import { lambdaStep } from './lambdaStep.ts';
import { taskPayload } from './taskPayload.ts';
import type { WorkflowDefinition } from './workflowDefinition.ts';

/**
 * A review cycle's computation, one execution per run:
 *
 *   Plan (the departments of the cycle's participants; none when a newer run superseded this one)
 *   Map over the departments, four at a time: compute the department (skipped when done in this run)
 *   Finish (the cycle is computed)
 *   any failure after retries ──► Record the failure (the cycle says so, HR is told) ──► Fail
 *
 * A department is one task, so the whole scales past one function's 15 minutes; each writes its
 * results and then its marker, so a retried or redriven execution computes only what is missing.
 */
export const reviewComputationWorkflow: WorkflowDefinition = {
  id: 'ReviewComputation',
  description:
    "A review cycle's KPIs and scores, department by department, from the records as of its period's end",
  timeout: Duration.hours(6),
  build(scope, task) {
    const fn = task(functionIds.reviewComputation);
    const step = (id: string, payload: TaskInput, resultPath: string) =>
      lambdaStep(scope, id, fn, payload, resultPath);

    const failure = new LambdaInvoke(scope, 'Record the failure', {
      lambdaFunction: fn,
      payload: taskPayload(failComputationTask, {
        action: 'fail',
        detail: JsonPath.objectAt('$$.Execution.Input.detail'),
        error: JsonPath.objectAt('$.error'),
      }),
      resultPath: JsonPath.DISCARD,
    }).next(
      new Fail(scope, 'Stopped; HR told', { error: 'ReviewComputationFailed', cause: 'See the cycle' }),
    );
    const onFailure = { errors: ['States.ALL'], resultPath: '$.error' };

    const plan = step(
      'Plan the computation',
      taskPayload(planComputationTask, { action: 'plan', detail: JsonPath.objectAt('$.detail') }),
      '$.plan',
    ).addCatch(failure, onFailure);
    const departments = new MapState(scope, 'Compute each department', {
      itemsPath: '$.plan.value.departments',
      itemSelector: {
        'cycleId.$': '$.plan.value.cycleId',
        'run.$': '$.plan.value.run',
        'departmentId.$': '$$.Map.Item.Value',
      },
      maxConcurrency: 4,
      resultPath: JsonPath.DISCARD,
    });
    departments.itemProcessor(
      step(
        'Compute a department',
        taskPayload(computeDepartmentTask, {
          action: 'compute',
          cycleId: JsonPath.stringAt('$.cycleId'),
          run: JsonPath.numberAt('$.run'),
          departmentId: JsonPath.stringAt('$.departmentId'),
        }),
        '$.computed',
      ),
    );
    departments.addCatch(failure, onFailure);
    const finish = step(
      'Finish',
      taskPayload(finishComputationTask, {
        action: 'finish',
        cycleId: JsonPath.stringAt('$.plan.value.cycleId'),
        run: JsonPath.numberAt('$.plan.value.run'),
      }),
      '$.finish',
    ).addCatch(failure, onFailure);
    return plan.next(departments).next(finish).next(new Succeed(scope, 'Computed'));
  },
};
