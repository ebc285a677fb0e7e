import { makeS3BackupStorage } from '#adapters/aws/backups/backupStorage.ts';
import { makeTableAccess } from '#adapters/aws/backups/tableAccess.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { ManualClock } from '#adapters/local/manualClock.ts';
import { makeRunBackup } from '#app/backups/backup.ts';
import { restoreBackup } from '#app/backups/restore.ts';
import { type BackupRecord, backupId as backupIdOf } from '#domain/backups/backup.ts';
import { localClients } from '#infra/local/clients.ts';
import type { LocalResourceNames } from '#infra/local/provision.ts';

/**
 * One backup or restore in a process of its own, so that its peak memory is its own (the benchmark's
 * process also runs the S3 emulator). Prints one JSON line: duration, items, peak RSS.
 */
const job = JSON.parse(process.argv[2] ?? '{}') as {
  action: 'backup' | 'restore';
  endpoints: { dynamodb: string; s3: string };
  names: LocalResourceNames;
  backupId?: string;
  target?: string;
};
const clients = localClients(job.endpoints);
const storage = makeS3BackupStorage(clients.s3, job.names.buckets.backups);
const tables = makeTableAccess(clients.dynamodb);
const records = new Map<string, BackupRecord>();
const started = performance.now();
let items = 0;
let bytes = 0;
let backupId = job.backupId ?? '';
if (job.action === 'backup') {
  const manifest = await makeRunBackup({
    tables,
    storage,
    records: {
      nextId: async (at) => backupIdOf(at, String(records.size + 1).padStart(8, '0')),
      put: async (r) => void records.set(r.backupId, r),
      claim: async (r) => Boolean(records.set(r.backupId, r)),
      get: async (id) => records.get(id),
      list: async () => ({ items: [...records.values()] }),
    },
    evidence: makeEvidenceLog(
      clients.dynamo,
      job.names.tables.evidence,
      new ManualClock('2026-11-27T02:00:00Z'),
    ),
    clock: new ManualClock('2026-11-27T02:00:00Z'),
    tableNames: { Hr: job.names.tables.hr, Evidence: job.names.tables.evidence },
  })({ requestedBy: 'bench' });
  if (!manifest) throw new Error('The backup was taken by another run');
  items = manifest.totalItems;
  bytes = manifest.totalBytes;
  backupId = manifest.backupId;
} else {
  const result = await restoreBackup(
    {
      storage,
      tables,
      evidence: makeEvidenceLog(
        clients.dynamo,
        job.names.tables.evidence,
        new ManualClock('2026-11-27T03:00:00Z'),
      ),
      evidenceTable: job.names.tables.evidence,
    },
    { backupId, table: 'Hr', target: job.target ?? '', actor: 'bench' },
  );
  items = result.written;
}
console.log(
  JSON.stringify({
    backupId,
    items,
    bytes,
    ms: performance.now() - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
clients.dynamodb.destroy();
clients.s3.destroy();
