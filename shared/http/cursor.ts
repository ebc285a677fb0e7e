import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { InvalidInputError } from '#kernel/errors.ts';
import type { StartKey } from '#kernel/pages.ts';
import type { CursorKeySource } from '#ports/platform/cursorKey.ts';

const invalidCursor = () =>
  new InvalidInputError(
    'The cursor is not one this list gave out.',
    [{ field: 'query.cursor', message: 'Invalid cursor' }],
    'invalid_cursor',
  );

const ivBytes = 12;
const tagBytes = 16;

/**
 * Opaque, tamper-proof pagination cursors: the DynamoDB start key encrypted with AES-256-GCM, the
 * scope of the listing it came from (route, caller, path, filters) as associated data. A client
 * reads nothing of the table's keys in it, and a cursor can be neither edited nor replayed on another
 * list or by another caller.
 */
export function makeCursorCodec(source: CursorKeySource) {
  let derived: Promise<Buffer> | undefined;
  // The secret may be of any length; the cipher's key is derived from it, for this use only.
  const key = () =>
    (derived ??= source
      .key()
      .then((secret) => createHash('sha256').update('hr cursor aes-256-gcm\n').update(secret).digest()));
  return {
    async encode(startKey: StartKey | undefined, scope: string): Promise<string | undefined> {
      if (!startKey) return undefined;
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', await key(), iv).setAAD(Buffer.from(scope));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(startKey), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    async decode(cursor: string | undefined, scope: string): Promise<StartKey | undefined> {
      if (cursor === undefined) return undefined;
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length <= ivBytes + tagBytes || bytes.toString('base64url') !== cursor) throw invalidCursor();
      try {
        const decipher = createDecipheriv('aes-256-gcm', await key(), bytes.subarray(0, ivBytes))
          .setAAD(Buffer.from(scope))
          .setAuthTag(bytes.subarray(bytes.length - tagBytes));
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)),
          decipher.final(),
        ]);
        return JSON.parse(plain.toString('utf8')) as StartKey;
      } catch {
        throw invalidCursor();
      }
    },
  };
}

export type CursorCodec = ReturnType<typeof makeCursorCodec>;
