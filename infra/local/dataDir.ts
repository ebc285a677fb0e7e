import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, toolsDir } from './paths.ts';

/**
 * What a local stack keeps in its data folder, and why. `--reset` removes exactly these, so a data
 * folder pointed at a directory with other files in it loses nothing else.
 */
export const dataDirEntries = {
  dynamodb: 'the tables (DynamoDB Local)',
  s3: 'the buckets: backups and reports (S3 emulator)',
  outbox: 'the mail that would have been sent',
  'metrics.jsonl': 'the business metrics CloudWatch would have received',
  'signing-key.pem': 'the key that signs handover statements',
  'jwt-signing-key.json': 'the key local sign-in tokens are signed with',
  'cursor-key': 'the key that seals paging cursors',
  'runtime.json': 'where a running stack listens',
  'clock.json': 'where the manual clock stood (--clock manual)',
} as const;

const sizeOf = (path: string): number =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0)
    : statSync(path).size;

const shownSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** The entries of the stack present in `dataDir`, each with what it holds and its size. */
export function describeDataDir(dataDir: string): string[] {
  return Object.entries(dataDirEntries)
    .filter(([entry]) => existsSync(join(dataDir, entry)))
    .map(([entry, what]) => `${entry} (${shownSize(sizeOf(join(dataDir, entry)))}): ${what}`);
}

/** Where the last `npm start` said its data folder is, for the commands that look for the stack. */
const pointerFile = join(toolsDir, 'last-stack.json');

export function pointAtStack(dataDir: string): void {
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(pointerFile, JSON.stringify({ dataDir }));
}

/**
 * The data folder of the stack a command means: the one it names (`--data-dir`, or HR_DATA_DIR);
 * else the default one when a stack runs there; else the one the last `npm start` ran on, when a
 * stack runs there; else the default.
 */
export function stackDataDir(named: string | undefined): string {
  const given = named ?? process.env.HR_DATA_DIR;
  if (given) return given;
  if (existsSync(join(defaultDataDir, 'runtime.json')) || !existsSync(pointerFile)) return defaultDataDir;
  const { dataDir } = JSON.parse(readFileSync(pointerFile, 'utf8')) as { dataDir?: string };
  return dataDir && existsSync(join(dataDir, 'runtime.json')) ? dataDir : defaultDataDir;
}

/** The API of a stack that runs on `dataDir` now, if one answers. */
export async function runningStackOn(dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, 'runtime.json');
  if (!existsSync(file)) return undefined;
  const { api } = JSON.parse(readFileSync(file, 'utf8')) as { api?: string };
  if (!api) return undefined;
  const answered = await fetch(`${api}/health`, { signal: AbortSignal.timeout(1000) }).then(
    (response) => response.ok,
    () => false,
  );
  return answered ? api : undefined;
}

/** Removes what the stack keeps in `dataDir` (nothing else); returns what it removed. */
export function resetDataDir(dataDir: string): string[] {
  const removed = describeDataDir(dataDir);
  for (const entry of Object.keys(dataDirEntries))
    rmSync(join(dataDir, entry), { recursive: true, force: true });
  return removed;
}
