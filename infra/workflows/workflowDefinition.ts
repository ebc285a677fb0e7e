import type { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IChainable } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/**
 * A Step Functions workflow of the product. The CDK builds a state machine from it; the local runtime
 * runs the very ASL that state machine synthesizes to.
 */
export interface WorkflowDefinition {
  /** Stable id: `start(id, …)` names it, and its state machine's logical id is `<id>Workflow`. */
  id: string;
  description: string;
  /** The whole execution's limit. */
  timeout: Duration;
  /** `task(functionId)` is the function of a manifest entry whose trigger is `workflowTask`. */
  build(scope: Construct, task: (functionId: string) => IFunction): IChainable;
}
