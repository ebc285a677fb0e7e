import { importRequested } from '#domain/imports/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { importsRoutes } from './api/routes.ts';

export const importFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'imports',
    entry: 'functions/imports/api/handler.ts',
    description: 'CSV imports of employees and customers: files in, jobs out',
    routes: importsRoutes,
    needs: { tables: { hr: 'write' }, buckets: { reports: 'write' }, eventBus: 'publish' },
  }),
  {
    id: 'ImportJob',
    entry: 'functions/imports/importJob.ts',
    description: 'Runs an import job: checks every row, then writes chunk by chunk from its checkpoint',
    triggers: [{ kind: 'event', events: [importRequested] }],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      buckets: { reports: 'write' },
      eventBus: 'publish',
      mail: 'send',
    },
    // 50,000 rows take about a minute locally; a larger file continues in the next invocation.
    memoryMb: 2048,
    timeoutSeconds: 900,
  },
];
