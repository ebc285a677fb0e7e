import { restoreBackup } from '#app/backups/restore.ts';
import { BackupIdPattern, BackupTables } from '#domain/backups/backup.ts';
import { invalidFields } from '#kernel/errors.ts';
import * as z from '#kernel/zod.ts';
import { restoring } from '#wiring/backups.ts';
import { logger } from '#wiring/log.ts';

const deps = restoring();
const RestoreRequest = z.strictObject({
  backupId: z.string().check(z.regex(BackupIdPattern, 'A backup id such as B20261127020000a1b2')),
  table: z.enum(BackupTables),
  /** Who asked for it, for the evidence log. */
  requestedBy: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
/** One progress line per this many milliseconds: a million items would otherwise log 2,000 lines. */
const progressEveryMs = 10_000;

/**
 * Restores a table of a backup into the product's (recreated, empty) table: invoked by an operator
 * (`aws lambda invoke … --payload '{"backupId":"B…","table":"Hr","requestedBy":"E1060"}'`). A restore that runs out of time
 * continues where it stopped when invoked again.
 */
export async function handler(event: unknown) {
  const parsed = RestoreRequest.safeParse(event);
  if (!parsed.success) throw invalidFields(parsed.error.issues);
  const { backupId, table, requestedBy } = parsed.data;
  let logged = 0;
  const result = await restoreBackup(deps, {
    backupId,
    table,
    target: deps.tableNames[table],
    actor: requestedBy ?? 'operator',
    onProgress: (p) => {
      if (Date.now() - logged < progressEveryMs && p.written < p.total) return;
      logged = Date.now();
      logger.info('Restoring', { ...p });
    },
  });
  logger.info('Restored', { backupId, table, ...result });
  return result;
}
