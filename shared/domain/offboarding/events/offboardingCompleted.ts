import { defineEvent } from '#kernel/events.ts';
import { ResignationRef } from './resignationRef.ts';

export const offboardingCompleted = defineEvent({
  name: 'OffboardingCompleted',
  version: 1,
  description: 'Every handover node is closed: the account stage of the revocation applies',
  detail: ResignationRef,
});
