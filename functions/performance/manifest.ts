import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { kpiRoutes, reviewCycleRoutes, reviewTemplateRoutes } from './api/routes.ts';

export const performanceFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'performance',
    entry: 'functions/performance/api/handler.ts',
    description:
      'Performance: KPIs computed from the records, review templates and their versions, cycles and ratings',
    routes: [...kpiRoutes, ...reviewTemplateRoutes, ...reviewCycleRoutes],
    needs: { tables: { hr: 'write', idempotency: 'write' }, cursorKey: true },
  }),
];
