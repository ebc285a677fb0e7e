import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { mentorshipRoutes } from './mentorships/routes.ts';

export const riskFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'mentorships',
    entry: 'functions/risk/mentorships/handler.ts',
    description: 'Mentorships: who mentors whom, since and until, with a goal',
    routes: mentorshipRoutes,
    needs: { tables: { hr: 'write', idempotency: 'write' }, evidence: 'append', cursorKey: true },
  }),
];
