import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { systemRoutes } from './routes.ts';

export const systemFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'system',
    entry: 'functions/system/handler.ts',
    description: 'Health, the OpenAPI document and answers for unknown routes',
    routes: systemRoutes,
    needs: {},
  }),
];
