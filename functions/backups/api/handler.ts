import { makeBackupRecords } from '#adapters/aws/backups/backupRecords.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeEventBridgeBus } from '#adapters/aws/platform/eventBridgeBus.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeBackups } from '#app/backups/backup.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { powertoolsIdempotencyGuard } from '#http/powertoolsIdempotency.ts';
import { bindRoute } from '#http/route.ts';
import { listBackupsRoute, requestBackupRoute } from './routes.ts';

const backups = makeBackups({
  records: makeBackupRecords(dynamo, makeHrTable(dynamo, config('hrTable'))),
  bus: resolvePort('eventBus', () => makeEventBridgeBus(config('eventBus'))),
  clock,
});
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);

export const handler = httpApi(
  [
    bindRoute(requestBackupRoute, async ({ principal }) => ({
      status: 202,
      body: await backups.request(principal),
    })),
    bindRoute(listBackupsRoute, async ({ principal, query }) => {
      const scope = `listBackups ${principal.employeeId}`;
      const page = await pageRequest(cursors, query, scope);
      return { status: 200, body: await pageResponse(cursors, await backups.list(principal, page), scope) };
    }),
  ],
  {
    logger,
    accessStore: makeAccessStore(dynamo, config('hrTable')),
    idempotency: powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
  },
);
