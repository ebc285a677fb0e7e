import { defineEvent } from '#kernel/events.ts';
import * as z from '#kernel/zod.ts';
import { ReviewCycleId } from '../cycle.ts';

export const reviewComputationRequested = defineEvent({
  name: 'ReviewComputationRequested',
  version: 1,
  description:
    "HR asked for a cycle's KPIs and scores to be computed (run n); the ReviewComputation workflow does it",
  detail: z.object({ cycleId: ReviewCycleId, run: z.int().check(z.positive()) }),
});
