import { handoverWorkflow } from './handover.ts';
import type { WorkflowDefinition } from './workflowDefinition.ts';

/** The product's workflows. */
export const productWorkflows: readonly WorkflowDefinition[] = [handoverWorkflow];
