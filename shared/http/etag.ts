import { StaleVersionError, VersionRequiredError } from '#kernel/errors.ts';

/**
 * Every resource a client may change has an integer `version` that only people's changes move; its
 * ETag is that version, quoted, in one format everywhere.
 */
export const etagOf = (version: number): string => `"v${version}"`;

/** The ETag format, for the API document. */
export const etagPattern = '^"v[0-9]{1,15}"$';

/**
 * Reads the version a caller expects from `If-Match`. Missing → 428 (we never update blindly);
 * anything that is not one of our ETags cannot match the current version → 412.
 */
export function expectedVersionFrom(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch.trim() === '') throw new VersionRequiredError();
  const match = /^(?:W\/)?"v(\d{1,15})"$/.exec(ifMatch.trim());
  if (!match?.[1]) throw new StaleVersionError();
  return Number(match[1]);
}
