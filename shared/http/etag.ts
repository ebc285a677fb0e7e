import { StaleVersionError, VersionRequiredError } from '#kernel/errors.ts';

/** Every stored item has an integer `version`; its ETag is that version, quoted. */
export const etagOf = (version: number): string => `"v${version}"`;

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
