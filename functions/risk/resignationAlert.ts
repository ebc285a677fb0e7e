import { resignationSubmitted } from '#domain/offboarding/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { resignationAlert } from '#wiring/risk.ts';

const alert = resignationAlert();

/** A resignation, read by risk: HR hears at once when the one resigning is a key person. */
export const handler = arrivalHandler(async (input) => {
  const event = readEvent(input, [resignationSubmitted]);
  return alert(event.detail);
});
