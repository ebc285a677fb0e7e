import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { skillRoutes } from './api/routes.ts';

export const trainingFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'training',
    entry: 'functions/training/api/handler.ts',
    description: 'Training: the skill catalogue, the levels positions require, evidence and gaps',
    routes: [...skillRoutes],
    needs: { tables: { hr: 'write' }, cursorKey: true },
  }),
];
