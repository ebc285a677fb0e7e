import type { BackupDeps } from '#app/backups/backup.ts';
import { config } from '../config.ts';
import { clock } from '../runtimePorts.ts';
import { makeBackupRecords } from './backupRecords.ts';
import { makeS3BackupStorage } from './backupStorage.ts';
import { dynamo, dynamodbClient } from './dynamodb.ts';
import { makeEvidenceLog } from './evidenceLog.ts';
import { makeHrTable } from './hrTable.ts';
import { s3 } from './s3.ts';
import { makeTableAccess } from './tableAccess.ts';

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
