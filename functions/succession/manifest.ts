import { resignationSubmitted } from '#domain/offboarding/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { successionRoutes } from './api/routes.ts';

export const successionFunctions: readonly FunctionDefinition[] = [
  httpFunction(
    {
      area: 'succession',
      entry: 'functions/succession/api/handler.ts',
      description: 'Succession: key positions, candidates with readiness computed from the records, plans',
      routes: [...successionRoutes],
      needs: { tables: { hr: 'write', idempotency: 'write' }, cursorKey: true },
    },
    // Readiness reads each candidate's evidence, scores and trainings, and the incumbent's key accounts.
    { timeoutSeconds: 29 },
  ),
  {
    id: 'SuccessionResignationAlert',
    entry: 'functions/succession/resignationAlert.ts',
    description: 'Tells HR at once when the holder of a key position resigns, with who could take over',
    triggers: [{ kind: 'event', events: [resignationSubmitted] }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 60,
  },
];
