/** Step Functions as the use cases see it: start an execution, answer a task that waits for a token. */
export interface Workflow {
  /**
   * Starts an execution of a workflow. The name makes it idempotent: starting the same name again
   * with the same input does nothing.
   */
  start(workflowId: string, executionName: string, input: Record<string, unknown>): Promise<void>;
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
}

/** The task this token belonged to has finished, timed out, or never existed. */
export class TaskNoLongerWaitingError extends Error {
  constructor() {
    super('The workflow task for this token is no longer waiting');
    this.name = 'TaskNoLongerWaitingError';
  }
}
