import { reviewComputationRequested } from './reviewComputationRequested.ts';

export { reviewComputationRequested };
export const performanceEvents = [reviewComputationRequested] as const;
