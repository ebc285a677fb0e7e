/**
 * Every resource a client may change has an integer `version` that only people's changes move; its
 * ETag is that version, quoted, in one format everywhere.
 */
export const etagOf = (version: number): string => `"v${version}"`;

/** The ETag format, for the API document. */
export const etagPattern = '^"v[0-9]{1,15}"$';

/** A version no resource has: what an `If-Match` that is not one of our ETags expects. */
const noVersion = -1;

/**
 * Reads the version a caller expects from `If-Match`: undefined when it is missing (the use case
 * answers 428 once it knows the caller may change the resource: we never update blindly); anything
 * that is not one of our ETags expects a version nothing has, so it ends as 412.
 */
export function expectedVersionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '') return undefined;
  const match = /^(?:W\/)?"v(\d{1,15})"$/.exec(ifMatch.trim());
  return match?.[1] ? Number(match[1]) : noVersion;
}
