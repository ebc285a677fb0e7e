import {
  type BackupFile,
  type BackupManifest,
  type BackupRecord,
  type BackupTable,
  backupKeys,
} from '#domain/backups/backup.ts';
import { backupRequested } from '#domain/backups/events/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { eventOf } from '#kernel/events.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { sha256Hex } from '#kernel/signature.ts';
import type { BackupRecords } from '#ports/backups/backupRecords.ts';
import type { BackupFileWriter, BackupStorage, RawItem, TableAccess } from '#ports/backups/backupStorage.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';

export interface BackupDeps {
  tables: TableAccess;
  storage: BackupStorage;
  records: BackupRecords;
  evidence: EvidenceLog;
  clock: Clock;
  /** Physical table names. */
  tableNames: Record<BackupTable, string>;
  /** Parallel scan segments per table. */
  segments?: number;
}

/** An item's entity type: its `type` attribute (DynamoDB JSON), evidence entries being all one kind. */
const entityTypeOf = (table: BackupTable, item: RawItem) =>
  table === 'Evidence' ? 'EvidenceEntry' : ((item.type as { S?: string } | undefined)?.S ?? 'Untyped');

/** A run never outlives a Lambda invocation: a run marked running for longer has died. */
const runTimeoutMs = 15 * 60 * 1000;

/** A backup leaves its own record out: restored, it would claim to be running forever. */
const isRecordOf = (id: string, item: RawItem) =>
  (item.pk as { S?: string } | undefined)?.S === backupKeys.partition &&
  (item.sk as { S?: string } | undefined)?.S === id;

/**
 * Copies Hr and Evidence to the backup bucket: a parallel, strongly consistent scan streamed into one
 * gzip JSON Lines file per entity type (multipart uploads, bounded memory), then the manifest with
 * every file's count, size and sha256, whose own hash goes into the evidence log.
 */
export function makeRunBackup(deps: BackupDeps) {
  /** The manifest; undefined when another run of the same backup has it (a duplicate delivery). */
  return async (input: { backupId?: string; requestedBy: string }): Promise<BackupManifest | undefined> => {
    const startedAt = deps.clock.now();
    const id = input.backupId ?? (await deps.records.nextId(startedAt));
    const existing = await deps.records.get(id);
    if (existing?.status === 'succeeded') {
      const stored = await deps.storage.get(backupKeys.manifest(id));
      if (stored) return JSON.parse(stored) as BackupManifest;
    }
    const record: BackupRecord = {
      backupId: id,
      status: 'running',
      requestedBy: existing?.requestedBy ?? input.requestedBy,
      requestedAt: existing?.requestedAt ?? startedAt.toISOString(),
      startedAt: startedAt.toISOString(),
    };
    // A duplicate delivery must not write the same files beside the run that has them.
    if (!(await deps.records.claim(record, new Date(startedAt.getTime() - runTimeoutMs)))) return undefined;
    try {
      // The evidence chain is copied up to the head it has now: a prefix of the chain, which verifies.
      const head = await deps.evidence.head();
      const evidenceHeadSeq = head?.seq ?? 0;
      const tables = {} as BackupManifest['tables'];
      for (const table of ['Hr', 'Evidence'] as const) {
        const writers = new Map<string, { writer: BackupFileWriter; items: number }>();
        await deps.tables.scan(
          deps.tableNames[table],
          {
            segments: deps.segments ?? 4,
            ...(table === 'Evidence'
              ? {
                  filter: {
                    expression: '#seq <= :head',
                    names: { '#seq': 'seq' },
                    values: { ':head': { N: String(evidenceHeadSeq) } },
                  },
                }
              : {}),
          },
          async (items) => {
            for (const item of items) {
              if (table === 'Hr' && isRecordOf(id, item)) continue;
              const type = entityTypeOf(table, item);
              let file = writers.get(type);
              if (!file) {
                file = { writer: deps.storage.createFile(backupKeys.file(id, table, type)), items: 0 };
                writers.set(type, file);
              }
              file.items += 1;
              await file.writer.write(JSON.stringify(item));
            }
          },
        );
        const files: BackupFile[] = [];
        for (const [entityType, { writer, items }] of [...writers].sort(([a], [b]) => a.localeCompare(b))) {
          const { bytes, sha256 } = await writer.end();
          files.push({
            key: backupKeys.file(id, table, entityType),
            table,
            entityType,
            items,
            bytes,
            sha256,
          });
        }
        tables[table] = { items: files.reduce((sum, f) => sum + f.items, 0), files };
      }
      const finishedAt = deps.clock.now().toISOString();
      const all = [...tables.Hr.files, ...tables.Evidence.files];
      const manifest: BackupManifest = {
        backupId: id,
        startedAt: startedAt.toISOString(),
        finishedAt,
        evidenceHeadSeq,
        tables,
        totalItems: all.reduce((sum, f) => sum + f.items, 0),
        totalBytes: all.reduce((sum, f) => sum + f.bytes, 0),
      };
      const body = JSON.stringify(manifest, null, 2);
      const manifestSha256 = sha256Hex(body);
      await deps.storage.put(backupKeys.manifest(id), body);
      await deps.evidence.append([
        {
          actor: 'system',
          action: 'backup.completed',
          subject: `backup:${id}`,
          reason: `Requested by ${record.requestedBy}`,
          details: {
            manifestKey: backupKeys.manifest(id),
            manifestSha256,
            totalItems: manifest.totalItems,
            window: { from: manifest.startedAt, to: finishedAt },
            files: Object.fromEntries(all.map((f) => [f.key, f.sha256])),
          },
        },
      ]);
      await deps.records.put({
        ...record,
        status: 'succeeded',
        finishedAt,
        totalItems: manifest.totalItems,
        totalBytes: manifest.totalBytes,
        manifestKey: backupKeys.manifest(id),
        manifestSha256,
      });
      return manifest;
    } catch (error) {
      await deps.records.put({
        ...record,
        status: 'failed',
        finishedAt: deps.clock.now().toISOString(),
        error: String((error as Error).message).slice(0, 500),
      });
      throw error;
    }
  };
}

/** `POST /v1/backups` and `GET /v1/backups`: who may, and what they see. */
export function makeBackups(deps: { records: BackupRecords; bus: EventBus; clock: Clock }) {
  return {
    async request(actor: Principal): Promise<BackupRecord> {
      requirePermission(actor, 'backup:manage');
      const at = deps.clock.now();
      const record: BackupRecord = {
        backupId: await deps.records.nextId(at),
        status: 'requested',
        requestedBy: actor.employeeId,
        requestedAt: at.toISOString(),
      };
      await deps.records.put(record);
      await deps.bus.publish([
        eventOf(backupRequested, { backupId: record.backupId, requestedBy: actor.employeeId }),
      ]);
      return record;
    },
    async list(actor: Principal, page: PageRequest) {
      requirePermission(actor, 'backup:manage');
      return deps.records.list(page);
    },
  };
}

/**
 * How old the newest backup that succeeded is, in seconds (undefined when none ever did), for the
 * daily metric: read newest first, a page at a time, until one that succeeded.
 */
export function makeBackupAge(deps: { records: Pick<BackupRecords, 'list'>; clock: Clock }) {
  return async (): Promise<number | undefined> => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.records.list({ limit: 25, ...(startKey ? { startKey } : {}) });
      const newest = page.items.find((r) => r.status === 'succeeded' && r.finishedAt);
      if (newest?.finishedAt)
        return Math.max(0, Math.round((deps.clock.now().getTime() - Date.parse(newest.finishedAt)) / 1000));
      startKey = page.nextKey;
    } while (startKey);
    return undefined;
  };
}
