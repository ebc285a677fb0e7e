import * as z from '#kernel/zod.ts';
import { resignationSubmitted } from './events/resignationSubmitted.ts';
import { NodeKindName, ResignationId } from './vocabulary.ts';

/**
 * The inputs of the handover workflow's tasks: the ASL builder (infra/workflows/handover.ts) fills
 * each field from these schemas, and the task functions parse what arrives with the same ones.
 */

/** The execution's input: the ResignationSubmitted event, or HR's restart that resumes the case. */
export const HandoverExecutionInput = z.object({
  detail: resignationSubmitted.detail,
  resume: z.optional(z.boolean()),
});
export type HandoverExecutionInput = z.infer<typeof HandoverExecutionInput>;

const caseNode = { caseId: ResignationId, kind: NodeKindName };

export const openCaseTask = z.object({
  action: z.literal('open'),
  input: HandoverExecutionInput,
  executionId: z.string().check(z.minLength(1)),
});
export const advanceNodeTask = z.object({ action: z.literal('advance'), ...caseNode });
export const awaitNodeTask = z.object({
  action: z.literal('await'),
  ...caseNode,
  token: z.string().check(z.minLength(1)),
});
/** Step Functions' error output, as a Catch hands it on. */
export const attentionTask = z.object({
  action: z.literal('attention'),
  input: HandoverExecutionInput,
  error: z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) }),
});

/** The case function's tasks. */
export const HandoverCaseTask = z.discriminatedUnion('action', [
  openCaseTask,
  advanceNodeTask,
  awaitNodeTask,
  attentionTask,
]);

// The completion function's tasks live in a module of their own: that function builds only their schema.
export { completionTask } from './completionTask.ts';
