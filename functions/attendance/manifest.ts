import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { punchRoutes } from './api/punchRoutes.ts';
import { setupRoutes } from './api/setupRoutes.ts';

export const attendanceFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'attendance',
    entry: 'functions/attendance/api/handler.ts',
    description:
      'Attendance: sites, shifts and rules, location consent; punches with the verdict of the server',
    routes: [...setupRoutes, ...punchRoutes],
    needs: { tables: { hr: 'write', idempotency: 'write' }, evidence: 'append', cursorKey: true },
  }),
];
