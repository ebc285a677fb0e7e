import { defineEvent } from '#kernel/events.ts';
import { ResignationRef } from './resignationRef.ts';

export const resignationChanged = defineEvent({
  name: 'ResignationChanged',
  version: 1,
  description: 'HR moved the last working day or named successors: the plan and the case follow',
  detail: ResignationRef,
});
