import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { evidenceRoutes } from './routes.ts';

export const evidenceFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'evidence',
    entry: 'functions/evidence/handler.ts',
    description: 'Reading the evidence log',
    routes: evidenceRoutes,
    needs: { tables: { hr: 'read' }, evidence: 'read', cursorKey: true },
  }),
];
