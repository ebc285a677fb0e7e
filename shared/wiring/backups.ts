import { makeBackupRecords } from '#adapters/aws/backups/backupRecords.ts';
import { makeS3BackupStorage } from '#adapters/aws/backups/backupStorage.ts';
import { makeTableAccess } from '#adapters/aws/backups/tableAccess.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { s3 } from '#adapters/aws/platform/s3.ts';
import { config } from '#adapters/config.ts';
import { clock } from '#adapters/runtimePorts.ts';
import type { BackupDeps } from '#app/backups/backup.ts';

/** What the backup and restore functions work with. */
export function backupDeps(): BackupDeps {
  return {
    tables: makeTableAccess(dynamodbClient),
    storage: makeS3BackupStorage(s3, config('backupBucket')),
    records: makeBackupRecords(dynamo, makeHrTable(dynamo, config('hrTable'))),
    evidence: makeEvidenceLog(dynamo, config('evidenceTable'), clock),
    clock,
    tableNames: { Hr: config('hrTable'), Evidence: config('evidenceTable') },
  };
}
