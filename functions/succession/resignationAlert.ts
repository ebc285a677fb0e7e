import { resignationSubmitted } from '#domain/offboarding/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { successionAlert } from '#wiring/succession.ts';

const alert = successionAlert();

/** A resignation, read by succession: HR hears at once who could take over a key position it empties. */
export const handler = arrivalHandler(async (input) =>
  alert(readEvent(input, [resignationSubmitted]).detail),
);
