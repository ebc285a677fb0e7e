import { handoverWorkflow } from './handover.ts';
import { reviewComputationWorkflow } from './reviewComputation.ts';
import type { WorkflowDefinition } from './workflowDefinition.ts';

/** The product's workflows. */
export const productWorkflows: readonly WorkflowDefinition[] = [handoverWorkflow, reviewComputationWorkflow];
