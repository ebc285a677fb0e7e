import { offboardingCompleted } from './offboardingCompleted.ts';
import { resignationChanged } from './resignationChanged.ts';
import { resignationSubmitted } from './resignationSubmitted.ts';
import { resignationWithdrawn } from './resignationWithdrawn.ts';

export { ResignationRef } from './resignationRef.ts';
export type { ResignationSubmitted } from './resignationSubmitted.ts';
export { offboardingCompleted, resignationChanged, resignationSubmitted, resignationWithdrawn };
export const offboardingEvents = [
  resignationSubmitted,
  resignationChanged,
  resignationWithdrawn,
  offboardingCompleted,
] as const;
