import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { bundledPath, docsFiles } from './docs.ts';
import { systemRoutes } from './routes.ts';

export const systemFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'system',
    entry: 'functions/system/handler.ts',
    description: 'Health and readiness, the OpenAPI document and answers for unknown routes',
    routes: systemRoutes,
    // Readiness reads a key of the Hr table and the size of an object in the reports bucket.
    needs: { tables: { hr: 'read' }, buckets: { reports: 'read' } },
    files: Object.entries(docsFiles).map(([name, { from }]) => ({ from, to: bundledPath(name) })),
  }),
];
