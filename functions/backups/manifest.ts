import { backupRequested } from '#domain/backups/events/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { backupRoutes } from './api/routes.ts';

export const backupFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'backups',
    entry: 'functions/backups/api/handler.ts',
    description: 'On-demand backups and the list of backups',
    routes: backupRoutes,
    needs: { tables: { hr: 'write', idempotency: 'write' }, eventBus: 'publish', cursorKey: true },
  }),
  {
    id: 'Backup',
    entry: 'functions/backups/backup.ts',
    description: 'Copies Hr and Evidence to the backup bucket: daily, and when someone asks for a backup',
    triggers: [
      { kind: 'daily', hour: 'backupHour' },
      { kind: 'event', events: [backupRequested] },
    ],
    needs: { tables: { hr: 'scan+write' }, evidence: 'scan+append', buckets: { backups: 'write' } },
    // A million items at the measured rate fit well inside Lambda's 15 minutes (see npm run bench).
    memoryMb: 2048,
    timeoutSeconds: 900,
  },
  {
    id: 'Restore',
    entry: 'functions/backups/restore.ts',
    description: 'Restores a backup into the empty, recreated tables (invoked by an operator)',
    triggers: [],
    needs: { tables: { hr: 'scan+write' }, evidence: 'restore', buckets: { backups: 'write' } },
    memoryMb: 2048,
    timeoutSeconds: 900,
  },
];
