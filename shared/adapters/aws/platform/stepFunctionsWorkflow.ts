import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { TaskNoLongerWaitingError, type Workflow } from '#ports/platform/workflow.ts';

const gone = (error: unknown) =>
  error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken;

/** Step Functions: state machine ARNs by workflow id come from the function's configuration. */
export function makeStepFunctionsWorkflow(
  stateMachines: Record<string, string>,
  client = new SFNClient({}),
): Workflow {
  return {
    async start(workflowId, executionName, input) {
      const stateMachineArn = stateMachines[workflowId];
      if (!stateMachineArn) throw new Error(`No state machine for workflow ${workflowId}`);
      try {
        await client.send(
          new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
        );
      } catch (error) {
        // Standard workflows answer a repeat with the same input by returning the execution; a
        // different input under the same name is a real conflict and surfaces.
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
        throw new Error(`Execution ${executionName} already exists with another input`);
      }
    },
    async sendTaskSuccess(taskToken, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      } catch (error) {
        throw gone(error) ? new TaskNoLongerWaitingError() : error;
      }
    },
    async sendTaskFailure(taskToken, error, cause) {
      try {
        await client.send(new SendTaskFailureCommand({ taskToken, error, cause }));
      } catch (failure) {
        throw gone(failure) ? new TaskNoLongerWaitingError() : failure;
      }
    },
  };
}
