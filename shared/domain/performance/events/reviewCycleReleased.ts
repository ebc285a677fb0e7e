import { defineEvent } from '#kernel/events.ts';
import * as z from '#kernel/zod.ts';
import { ReviewCycleId } from '../cycle.ts';

export const reviewCycleReleased = defineEvent({
  name: 'ReviewCycleReleased',
  version: 1,
  description:
    "A cycle's results were released: final, seen by each reviewee; ratings of skills become evidence",
  detail: z.object({ cycleId: ReviewCycleId }),
});
