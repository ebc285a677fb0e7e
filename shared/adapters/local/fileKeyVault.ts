import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedbackKeyVault } from '#ports/communication/index.ts';

/** The local stack's feedback keys: in the data folder (they survive restarts), or per process. */
export function fileKeyVault(dataDir?: string): FeedbackKeyVault {
  const memory = new Map<string, string>();
  const file = (epoch: string) => join(dataDir as string, 'feedback-keys', `${epoch}.pem`);
  return {
    async read(epoch) {
      if (!dataDir) return memory.get(epoch);
      return existsSync(file(epoch)) ? readFileSync(file(epoch), 'utf8') : undefined;
    },
    async create(epoch, pem) {
      if (!dataDir) {
        if (memory.has(epoch)) return false;
        memory.set(epoch, pem);
        return true;
      }
      mkdirSync(join(dataDir, 'feedback-keys'), { recursive: true });
      try {
        writeFileSync(file(epoch), pem, { mode: 0o600, flag: 'wx' });
        return true;
      } catch {
        return false;
      }
    },
  };
}
