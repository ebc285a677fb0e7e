import { reviewComputationRequested } from './reviewComputationRequested.ts';
import { reviewCycleReleased } from './reviewCycleReleased.ts';

export { reviewComputationRequested, reviewCycleReleased };
export const performanceEvents = [reviewComputationRequested, reviewCycleReleased] as const;
