import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { punchRoutes } from './api/punchRoutes.ts';
import { reportRoutes } from './api/reportRoutes.ts';
import { setupRoutes } from './api/setupRoutes.ts';

export const attendanceFunctions: readonly FunctionDefinition[] = [
  httpFunction(
    {
      area: 'attendance',
      entry: 'functions/attendance/api/handler.ts',
      description:
        'Attendance: sites, shifts and rules, location consent; punches with the verdict of the server; days, leave, overtime claims and reports',
      routes: [...setupRoutes, ...punchRoutes, ...reportRoutes],
      needs: {
        tables: { hr: 'write', idempotency: 'write' },
        evidence: 'append',
        cursorKey: true,
        mail: 'send',
      },
    },
    // A key person's claim reads her team's risk; the monthly report reads 200 people's days and claims.
    { timeoutSeconds: 29 },
  ),
  {
    id: 'AttendanceDays',
    entry: 'functions/attendance/attendanceDays.ts',
    description:
      "Hourly: each site's ended work dates become attendance days from the punches; positions past their keeping time are removed",
    triggers: [{ kind: 'hourly' }],
    needs: { tables: { hr: 'write' } },
    // 5,000 people's day: their records, rules and punches read in batches, the days written 25 at a time.
    timeoutSeconds: 300,
  },
];
