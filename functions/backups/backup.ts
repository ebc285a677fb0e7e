import { backupId as backupIdOf } from '#domain/backups/backup.ts';
import { backupRequested } from '#domain/backups/events/index.ts';
import { metricNames } from '#domain/metrics.ts';
import { parseArrival, readEvent, ScheduledEvent } from '#kernel/events.ts';
import { sha256Hex } from '#kernel/signature.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { backupRun } from '#wiring/backups.ts';
import { logger } from '#wiring/log.ts';
import { metrics } from '#wiring/platform.ts';

const runBackup = backupRun();

/** The daily rule's event, or someone's request (BackupRequested from POST /v1/backups). */
function runOf(input: unknown, requestId: string): { backupId: string; requestedBy: string } {
  if ((input as { source?: unknown } | null)?.source === 'aws.events') {
    const daily = parseArrival(ScheduledEvent, input, { source: 'daily rule', id: requestId });
    // A scheduled run's id comes from its event: a duplicate delivery of it is the same backup.
    return {
      backupId: backupIdOf(new Date(daily.time), sha256Hex(daily.id).slice(0, 4)),
      requestedBy: 'schedule',
    };
  }
  return readEvent(input, [backupRequested]).detail;
}

/**
 * Daily (cron rule) and on demand. Each success is a business metric: the freshness alarm fires when
 * none came for 26 hours.
 */
export const handler = arrivalHandler(async (input, context) => {
  const { backupId, requestedBy } = runOf(input, context.awsRequestId);
  const manifest = await runBackup({ backupId, requestedBy });
  if (!manifest) {
    logger.info('Another run has this backup (a duplicate delivery)', { backupId });
    return { backupId, skipped: true };
  }
  logger.info('Backup written', {
    backupId: manifest.backupId,
    items: manifest.totalItems,
    bytes: manifest.totalBytes,
  });
  await metrics().publish([
    { name: metricNames.backupSucceeded, value: 1, unit: 'Count' },
    { name: metricNames.backupItems, value: manifest.totalItems, unit: 'Count' },
  ]);
  return { backupId: manifest.backupId, totalItems: manifest.totalItems };
});
