import { defineEvent } from '#kernel/events.ts';
import { ResignationRef } from './resignationRef.ts';

export const resignationWithdrawn = defineEvent({
  name: 'ResignationWithdrawn',
  version: 1,
  description: "The resignation was withdrawn: the future stages' schedules go, open nodes are cancelled",
  detail: ResignationRef,
});
