import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CursorKeySource } from '#ports/platform/cursorKey.ts';

/** The cursor key of the local stack: kept in the data folder (cursors survive restarts), or per process. */
export function fileCursorKey(dataDir?: string): CursorKeySource {
  let key: Buffer;
  if (!dataDir) key = randomBytes(32);
  else {
    const file = join(dataDir, 'cursor-key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    key = Buffer.from(readFileSync(file, 'utf8'), 'hex');
  }
  return { key: async () => key };
}
