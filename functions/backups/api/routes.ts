import { BackupIdPattern } from '#domain/backups/backup.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { Timestamp } from '#kernel/ids.ts';
import { Sha256Hex, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const BackupView = z
  .object({
    backupId: z.string().check(z.regex(BackupIdPattern, 'A backup id like B20261127020000a1b2')),
    status: z.enum(['requested', 'running', 'succeeded', 'failed']),
    requestedBy: upTo(20),
    requestedAt: Timestamp,
    startedAt: z.optional(Timestamp),
    finishedAt: z.optional(Timestamp),
    totalItems: z.optional(z.int().check(z.gte(0))),
    totalBytes: z.optional(z.int().check(z.gte(0))),
    manifestKey: z.optional(upTo(200)),
    manifestSha256: z.optional(Sha256Hex),
    error: z.optional(upTo(2000)),
  })
  .check(z.meta({ id: 'Backup' }));

const tag = 'backups';

export const requestBackupRoute = defineRoute({
  method: 'POST',
  path: '/v1/backups',
  operationId: 'requestBackup',
  summary: 'Back up Hr and Evidence now (backup:manage); the daily backup runs by itself',
  tag,
  auth: 'jwt',
  idempotent: true,
  responses: {
    202: { description: 'The backup, requested; GET /v1/backups shows when it is done', body: BackupView },
  },
});

export const listBackupsRoute = defineRoute({
  method: 'GET',
  path: '/v1/backups',
  operationId: 'listBackups',
  summary: 'Backups, newest first, with their status and counts (backup:manage)',
  tag,
  auth: 'jwt',
  query: z.strictObject(PageQuery.shape),
  responses: { 200: { description: 'A page of backups', body: pageOf(BackupView) } },
});

export const backupRoutes = [requestBackupRoute, listBackupsRoute] as const;
