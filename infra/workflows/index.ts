import type { WorkflowDefinition } from './workflowDefinition.ts';

/** The product's workflows. The offboarding handover arrives with its capability. */
export const productWorkflows: readonly WorkflowDefinition[] = [];
