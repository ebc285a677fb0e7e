import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '#adapters/logger.ts';
import { makeRunBackup } from '#app/backups/backup.ts';
import { backupId as backupIdOf, backupMetric } from '#domain/backups/backup.ts';
import { hrEvents } from '#domain/events.ts';
import { sha256Hex } from '#kernel/signature.ts';
import { backupDeps } from '#wiring/backups.ts';

const runBackup = makeRunBackup(backupDeps());

/**
 * Daily (cron rule) and on demand (BackupRequested from POST /v1/backups). Each success is a metric
 * in CloudWatch's embedded format: the freshness alarm fires when none came for 26 hours.
 */
export async function handler(event: EventBridgeEvent<string, { backupId?: string; requestedBy?: string }>) {
  const requested = event['detail-type'] === hrEvents.backupRequested;
  // A scheduled run's id comes from its event: a duplicate delivery of it is the same backup.
  const backupId = requested
    ? event.detail.backupId
    : backupIdOf(new Date(event.time), sha256Hex(event.id).slice(0, 4));
  const manifest = await runBackup({
    ...(backupId ? { backupId } : {}),
    requestedBy: (requested && event.detail.requestedBy) || 'schedule',
  });
  if (!manifest) {
    logger.info('Another run has this backup (a duplicate delivery)', { backupId });
    return { backupId, skipped: true };
  }
  logger.info('Backup written', {
    backupId: manifest.backupId,
    items: manifest.totalItems,
    bytes: manifest.totalBytes,
  });
  // CloudWatch reads the metric from the function's log; locally there is no CloudWatch to feed.
  if (process.env.AWS_LAMBDA_FUNCTION_NAME)
    console.log(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: backupMetric.namespace,
              Dimensions: [[]],
              Metrics: [
                { Name: backupMetric.succeeded, Unit: 'Count' },
                { Name: backupMetric.items, Unit: 'Count' },
              ],
            },
          ],
        },
        [backupMetric.succeeded]: 1,
        [backupMetric.items]: manifest.totalItems,
      }),
    );
  return { backupId: manifest.backupId, totalItems: manifest.totalItems };
}
