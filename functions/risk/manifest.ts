import { resignationSubmitted } from '#domain/offboarding/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { riskRoutes } from './api/routes.ts';

export const riskFunctions: readonly FunctionDefinition[] = [
  httpFunction(
    {
      area: 'risk',
      entry: 'functions/risk/api/handler.ts',
      description:
        'Key-person risk: mentorships, referral trees, team and person risk, simulations, weights, profiles',
      routes: riskRoutes,
      needs: { tables: { hr: 'write', idempotency: 'write' }, evidence: 'append', cursorKey: true },
    },
    // A team's picture is a Query per member; a large team takes a few seconds.
    { timeoutSeconds: 29 },
  ),
  {
    id: 'RiskSnapshots',
    entry: 'functions/risk/snapshots.ts',
    description: 'Daily: a risk snapshot per department (the trend); tells HR when a threshold is crossed',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 900,
  },
  {
    id: 'RiskResignationAlert',
    entry: 'functions/risk/resignationAlert.ts',
    description:
      'Tells HR at once when a key person resigns, with what the simulation of their leaving found',
    triggers: [{ kind: 'event', events: [resignationSubmitted] }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 60,
  },
];
