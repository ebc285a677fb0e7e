import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '#kernel/errors.ts';

import type { StartKey } from '#kernel/pages.ts';
import type { CursorKeySource } from '#ports/platform/cursorKey.ts';

const invalidCursor = () =>
  new InvalidInputError(
    'The cursor is not one this list gave out.',
    [{ field: 'query.cursor', message: 'Invalid cursor' }],
    'invalid_cursor',
  );

/**
 * Opaque, tamper-proof pagination cursors: the DynamoDB start key, signed (HMAC-SHA256) together with
 * the scope of the listing it came from, so a cursor can be neither edited nor replayed on another
 * list or by another caller.
 */
export function makeCursorCodec(source: CursorKeySource) {
  const sign = (key: Buffer, scope: string, payload: string) =>
    createHmac('sha256', key).update(scope).update('\n').update(payload).digest();
  return {
    async encode(startKey: StartKey | undefined, scope: string): Promise<string | undefined> {
      if (!startKey) return undefined;
      const payload = Buffer.from(JSON.stringify(startKey)).toString('base64url');
      return `${payload}.${sign(await source.key(), scope, payload).toString('base64url')}`;
    },
    async decode(cursor: string | undefined, scope: string): Promise<StartKey | undefined> {
      if (cursor === undefined) return undefined;
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw invalidCursor();
      const expected = sign(await source.key(), scope, payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StartKey;
      } catch {
        throw invalidCursor();
      }
    },
  };
}

export type CursorCodec = ReturnType<typeof makeCursorCodec>;
