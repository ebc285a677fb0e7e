import { reviewCycleReleased } from '#domain/performance/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { reviewEvidence } from '#wiring/training.ts';

const record = reviewEvidence();

/** A released cycle: its ratings of competencies that name a skill become evidence of the level. */
export const handler = arrivalHandler(async (input) =>
  record(readEvent(input, [reviewCycleReleased]).detail.cycleId),
);
