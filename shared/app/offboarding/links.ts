import type { Messenger } from '#app/communication/index.ts';

/** The API path of what an offboarding notice is about: its case, else the resignation's plan. */
function linkOf(data: Record<string, unknown> | undefined): string | undefined {
  if (typeof data?.caseId === 'string') return `/v1/offboarding/${data.caseId}`;
  if (typeof data?.employeeId === 'string') return `/v1/employees/${data.employeeId}/resignation`;
  return undefined;
}

/** Offboarding's notices each carry a link to what they are about (unless a sender names its own). */
export const withOffboardingLinks =
  (tell: Messenger): Messenger =>
  (recipients, key, params, options = {}) =>
    tell(recipients, key, params, { ...options, link: options.link ?? linkOf(options.data) });
