import type { BackupRecord } from '#domain/backups/backup.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** The record of each backup (status, counts, manifest) in the Hr table. */
export interface BackupRecords {
  /** A new backup's id: after every id given before, even within the same second. */
  nextId(at: Date): Promise<string>;
  put(record: BackupRecord): Promise<void>;
  /**
   * Marks a backup as running unless another run has it: one that is running and started after
   * `staleBefore` (a run older than that has timed out). False when it is taken, or already succeeded.
   */
  claim(record: BackupRecord, staleBefore: Date): Promise<boolean>;
  get(backupId: string): Promise<BackupRecord | undefined>;
  /** Newest first. */
  list(page: PageRequest): Promise<PageResult<BackupRecord>>;
}
