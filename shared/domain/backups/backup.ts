/**
 * Backups: each table copied to the backup bucket as gzip JSON Lines, one file per entity type (the
 * items' `type`), and a manifest that names every file with its item count, byte size and sha256.
 *
 *   backups/<backupId>/<table>/<entityType>.jsonl.gz     one DynamoDB item per line, as DynamoDB JSON
 *   backups/<backupId>/manifest.json                     the manifest; its sha256 is in the evidence log
 *
 * Items (table Hr): pk = BACKUPS  sk = <backupId>   a backup's status and counts (newest last).
 *                   pk = BACKUPS#COUNTER  sk = COUNTER   the counter that orders ids within a second.
 *
 * What a backup guarantees. Evidence: every entry up to the chain head read when the backup began (a
 * prefix of the chain, so the restored chain verifies). Hr: every item present for the whole window
 * [startedAt, finishedAt], each as it was at some moment of that window (a strongly consistent scan
 * reads each item once); an item created or deleted during the window may or may not be in it, and two
 * items written together during the window may be caught on either side of that write. A backup leaves
 * out its own record (it says "running" while the copy is taken).
 */
export const BackupTables = ['Hr', 'Evidence'] as const;
export type BackupTable = (typeof BackupTables)[number];

export interface BackupFile {
  key: string;
  table: BackupTable;
  entityType: string;
  items: number;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  backupId: string;
  startedAt: string;
  finishedAt: string;
  /** The evidence chain is copied up to this entry. */
  evidenceHeadSeq: number;
  tables: Record<BackupTable, { items: number; files: BackupFile[] }>;
  totalItems: number;
  totalBytes: number;
}

export type BackupStatus = 'requested' | 'running' | 'succeeded' | 'failed';

export interface BackupRecord {
  backupId: string;
  status: BackupStatus;
  requestedBy: string;
  requestedAt: string;
  startedAt?: string;
  finishedAt?: string;
  totalItems?: number;
  totalBytes?: number;
  manifestKey?: string;
  manifestSha256?: string;
  error?: string;
}

export const backupKeys = {
  record: (backupId: string) => ({ pk: 'BACKUPS', sk: backupId }),
  counter: { pk: 'BACKUPS#COUNTER', sk: 'COUNTER' },
  partition: 'BACKUPS',
  prefix: (backupId: string) => `backups/${backupId}/`,
  manifest: (backupId: string) => `backups/${backupId}/manifest.json`,
  file: (backupId: string, table: BackupTable, entityType: string) =>
    `backups/${backupId}/${table}/${entityType.replace(/[^A-Za-z0-9_-]/g, '_')}.jsonl.gz`,
};

/**
 * B + the UTC time to the second + a hex counter (random hex in ids made before it): backups sort by
 * when they were asked for, and within a second by the counter.
 */
export const backupId = (at: Date, random: string) =>
  `B${at
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 14)}${random}`;
export const BackupIdPattern = /^B\d{14}[0-9a-f]{4,8}$/;
