import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  type BackupFile,
  type BackupManifest,
  type BackupTable,
  backupKeys,
} from '#domain/backups/backup.ts';
import { ConflictError, NotFoundError } from '#kernel/errors.ts';
import { sha256Hex } from '#kernel/signature.ts';
import type { BackupStorage, RawItem, TableAccess } from '#ports/backups/backupStorage.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';

/** A backup file that does not match its manifest: nothing is restored from such a backup. */
export class BackupIntegrityError extends ConflictError {
  readonly file: string;

  constructor(file: string, problem: string) {
    super('backup_corrupt', `${file}: ${problem}`);
    this.file = file;
  }
}

async function manifestOf(storage: BackupStorage, backupId: string) {
  const body = await storage.get(backupKeys.manifest(backupId));
  if (!body) throw new NotFoundError(`Backup ${backupId}`);
  return { manifest: JSON.parse(body) as BackupManifest, sha256: sha256Hex(body) };
}

/** Reads a file once: its size and sha256 as stored, and the number of lines it holds. */
async function check(storage: BackupStorage, file: BackupFile): Promise<void> {
  const stream = await storage.readFile(file.key);
  if (!stream) throw new BackupIntegrityError(file.key, 'missing');
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  const gunzip = createGunzip();
  const counted = new Promise<void>((resolve, reject) => {
    gunzip.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines += 1;
    });
    gunzip.on('end', resolve);
    gunzip.on('error', reject);
  });
  const tee = new PassThrough();
  tee.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  stream.pipe(tee).pipe(gunzip);
  try {
    await counted;
  } catch (error) {
    throw new BackupIntegrityError(file.key, `not readable gzip (${(error as Error).message})`);
  }
  if (bytes !== file.bytes)
    throw new BackupIntegrityError(file.key, `${bytes} bytes where the manifest says ${file.bytes}`);
  if (hash.digest('hex') !== file.sha256)
    throw new BackupIntegrityError(file.key, 'its sha256 differs from the manifest');
  if (lines !== file.items)
    throw new BackupIntegrityError(file.key, `${lines} items where the manifest says ${file.items}`);
}

/** Checks every file of a backup against its manifest, without restoring anything. */
export async function verifyBackup(storage: BackupStorage, backupId: string) {
  const { manifest } = await manifestOf(storage, backupId);
  const files = [...manifest.tables.Hr.files, ...manifest.tables.Evidence.files];
  for (const file of files) await check(storage, file);
  return { backupId, files: files.length, items: manifest.totalItems, bytes: manifest.totalBytes };
}

export interface RestoreProgress {
  table: BackupTable;
  written: number;
  total: number;
  itemsPerSecond: number;
  etaSeconds: number;
}

interface Checkpoint {
  done: string[];
  current?: { key: string; items: number };
  completed?: boolean;
  /** The restore's entry is in the evidence log. */
  recorded?: boolean;
}

export interface RestoreDeps {
  storage: BackupStorage;
  tables: TableAccess;
  /** The product's evidence log, where every restore records itself, and its table's name. */
  evidence: EvidenceLog;
  evidenceTable: string;
  now?: () => number;
}

const checkpointKey = (backupId: string, target: string) =>
  `${backupKeys.prefix(backupId)}restores/${target}.json`;

/**
 * Restores one table of a backup into a new or empty table. Every file is checked against the
 * manifest first; a backup that does not match is refused, naming the file, before anything is
 * written. Progress is kept beside the backup, so a restore that stops halfway continues when run
 * again, and ends identical. The restore records itself in the evidence log, once. When the evidence
 * log itself was lost, Evidence is restored first: a restore recorded into an empty log would start a
 * new chain there, and the old one could not be restored under it.
 */
export async function restoreBackup(
  deps: RestoreDeps,
  input: {
    backupId: string;
    table: BackupTable;
    target: string;
    /** Who ran it, for the evidence log. */
    actor: string;
    onProgress?: (p: RestoreProgress) => void;
  },
): Promise<{ written: number; total: number; resumed: boolean; alreadyRestored: boolean }> {
  const now = deps.now ?? (() => performance.now());
  const { manifest, sha256: manifestSha256 } = await manifestOf(deps.storage, input.backupId);
  const files = manifest.tables[input.table].files;
  for (const file of files) await check(deps.storage, file);

  const key = checkpointKey(input.backupId, input.target);
  const saved = await deps.storage.get(key);
  const checkpoint: Checkpoint = saved ? (JSON.parse(saved) as Checkpoint) : { done: [] };
  const total = manifest.tables[input.table].items;
  const record = async () => {
    if (!checkpoint.recorded) {
      const subject = `backup:${input.backupId}`;
      const earlier = await deps.evidence.find({ subject, action: 'backup.restored' }, { limit: 100 });
      // A restore that stopped after recording itself (before its checkpoint said so) is not recorded twice.
      if (!earlier.items.some((e) => e.details.target === input.target && e.details.table === input.table))
        await deps.evidence.append([
          {
            actor: input.actor,
            action: 'backup.restored',
            subject,
            reason: `${input.table} restored into ${input.target}`,
            details: { table: input.table, target: input.target, items: total, manifestSha256 },
          },
        ]);
      checkpoint.recorded = true;
      await deps.storage.put(key, JSON.stringify(checkpoint));
    }
  };
  if (checkpoint.completed) {
    await record();
    return { written: total, total, resumed: true, alreadyRestored: true };
  }
  if (!saved && !(await deps.tables.isEmpty(input.target)))
    throw new ConflictError(
      'table_not_empty',
      `${input.target} is not empty: restore into a new or empty table.`,
    );
  const restoresTheLog = input.table === 'Evidence' && input.target === deps.evidenceTable;
  if (!restoresTheLog && manifest.tables.Evidence.items > 0 && !(await deps.evidence.head()))
    throw new ConflictError(
      'evidence_log_empty',
      'The evidence log is empty: restore Evidence from this backup first, so that this restore is recorded in it.',
    );

  let written = files.filter((f) => checkpoint.done.includes(f.key)).reduce((sum, f) => sum + f.items, 0);
  const started = now();
  const startedWith = written;
  const report = () => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = (written - startedWith) / seconds;
    input.onProgress?.({
      table: input.table,
      written,
      total,
      itemsPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round((total - written) / rate) : 0,
    });
  };

  for (const file of files) {
    if (checkpoint.done.includes(file.key)) continue;
    const skip = checkpoint.current?.key === file.key ? checkpoint.current.items : 0;
    written += skip;
    const stream = await deps.storage.readFile(file.key);
    if (!stream) throw new BackupIntegrityError(file.key, 'missing');
    const lines = createInterface({
      input: stream.pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let batch: RawItem[] = [];
    let inFile = 0;
    const flush = async () => {
      // The evidence log is refilled with puts that never overwrite: no role may batch-write (or delete) in it.
      if (input.table === 'Evidence') await deps.tables.putNew(input.target, batch, 'chain');
      else await deps.tables.writeBatch(input.target, batch);
      inFile += batch.length;
      written += batch.length;
      batch = [];
      checkpoint.current = { key: file.key, items: skip + inFile };
      await deps.storage.put(key, JSON.stringify(checkpoint));
      report();
    };
    let seen = 0;
    for await (const line of lines) {
      if (!line) continue;
      seen += 1;
      if (seen <= skip) continue;
      batch.push(JSON.parse(line) as RawItem);
      if (batch.length >= 500) await flush();
    }
    if (batch.length > 0) await flush();
    checkpoint.done.push(file.key);
    delete checkpoint.current;
    await deps.storage.put(key, JSON.stringify(checkpoint));
  }
  checkpoint.completed = true;
  await deps.storage.put(key, JSON.stringify(checkpoint));
  report();
  await record();
  return { written, total, resumed: Boolean(saved), alreadyRestored: false };
}
