import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { riskRoutes } from './api/routes.ts';

export const riskFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'risk',
    entry: 'functions/risk/api/handler.ts',
    description: 'The relations a team depends on: mentorships, referral trees',
    routes: riskRoutes,
    needs: { tables: { hr: 'write', idempotency: 'write' }, evidence: 'append', cursorKey: true },
  }),
];
