import * as z from '#kernel/zod.ts';
import { ResignationId } from './vocabulary.ts';

/** The handover completion function's tasks, one per closing step (see ./handoverTasks.ts). */
export const completionTask = z.object({
  action: z.enum(['apply', 'report', 'complete']),
  caseId: ResignationId,
});
