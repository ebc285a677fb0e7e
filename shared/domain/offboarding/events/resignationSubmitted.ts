import { defineEvent } from '#kernel/events.ts';
import { CalendarDate } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { ResignationRef } from './resignationRef.ts';

export const resignationSubmitted = defineEvent({
  name: 'ResignationSubmitted',
  version: 1,
  description: 'Someone resigned: the revocation plan is scheduled, the offboarding case opens',
  detail: z.object({ ...ResignationRef.shape, lastWorkingDay: CalendarDate }),
});
export type ResignationSubmitted = z.infer<typeof resignationSubmitted.detail>;
