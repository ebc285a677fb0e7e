import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { ResignationId } from '../vocabulary.ts';

/** How offboarding's events name a resignation (its case has the same id). */
export const ResignationRef = z.object({ employeeId: EmployeeId, resignationId: ResignationId });
export type ResignationRef = z.infer<typeof ResignationRef>;
