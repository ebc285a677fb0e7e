import { makeBackupRecords } from '#adapters/aws/backups/backupRecords.ts';
import { makeS3BackupStorage } from '#adapters/aws/backups/backupStorage.ts';
import { makeTableAccess } from '#adapters/aws/backups/tableAccess.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { s3 } from '#adapters/aws/platform/s3.ts';
import { config } from '#adapters/config.ts';
import { makeBackupAge, makeBackups, makeRunBackup } from '#app/backups/backup.ts';
import type { RestoreDeps } from '#app/backups/restore.ts';
import { once } from './once.ts';
import { bus, clock, evidence, table } from './platform.ts';

/** Backups: the daily copy of both tables, on-demand backups, restores. */
const backupRecords = /* @__PURE__ */ once(() => makeBackupRecords(dynamo, table()));

export const backupsApi = () => makeBackups({ records: backupRecords(), bus: bus(), clock });

/** Seconds since the newest backup that succeeded, for the daily metric. */
export const backupAge = () => makeBackupAge({ records: backupRecords(), clock });

const tableNames = () => ({ Hr: config('hrTable'), Evidence: config('evidenceTable') });

const storage = () => ({
  tables: makeTableAccess(dynamodbClient),
  storage: makeS3BackupStorage(s3, config('backupBucket')),
});

export const backupRun = () =>
  makeRunBackup({
    ...storage(),
    records: backupRecords(),
    evidence: evidence(),
    clock,
    tableNames: tableNames(),
  });

/** What a restore works with, and the product's own table names to restore into. */
export const restoring = (): RestoreDeps & { tableNames: ReturnType<typeof tableNames> } => ({
  ...storage(),
  evidence: evidence(),
  evidenceTable: config('evidenceTable'),
  tableNames: tableNames(),
});
