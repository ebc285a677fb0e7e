import * as z from './zod.ts';

/**
 * Bounded strings. Every string the API takes or gives has a limit the document states (OWASP API4:
 * no unbounded input); these are the shapes they come in.
 */

/** Text someone writes: 1 to `max` characters. */
export const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** Text the system shows, possibly empty, never longer than `max` (what was written into it was bounded). */
export const upTo = (max: number) => z.string().check(z.maxLength(max));

/** A SHA-256 digest in lower-case hex. */
export const Sha256Hex = z.string().check(z.maxLength(64), z.regex(/^[0-9a-f]{64}$/, 'A sha256 in hex'));

/** The key of a map in a record (a field name, a node kind, a status). */
export const MapKey = upTo(100);

/** A link the API hands out (pre-signed URLs are long). */
export const Link = upTo(4096);

/** Words in both of the product's languages, each 1 to `max` characters (trimmed). */
export const inBothLanguages = (max: number) => {
  const words = z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
  return z.strictObject({ 'zh-CN': words, en: words });
};

/** Text made safe inside HTML: reports put people's words on a page. */
export const escapeHtml = (text: unknown) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
