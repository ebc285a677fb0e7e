import {
  offboardingCompleted,
  resignationChanged,
  resignationSubmitted,
  resignationWithdrawn,
} from '#domain/offboarding/events/index.ts';
import { functionIds } from '#wiring/functionIds.ts';
import { type FunctionDefinition, httpFunction, type WorkflowEntry } from '../definition.ts';
import { offboardingRoutes } from './api/routes.ts';

export const offboardingFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'offboarding',
    entry: 'functions/offboarding/api/handler.ts',
    description:
      'Resignations, their revocation plans, and the handover: cases, confirmations, reports, templates, the signing key',
    routes: offboardingRoutes,
    needs: {
      tables: { hr: 'write', idempotency: 'write' },
      evidence: 'append',
      eventBus: 'publish',
      workflow: 'start',
      signer: 'sign',
      buckets: { reports: 'read' },
      mail: 'send',
      cursorKey: true,
    },
  }),
  {
    id: 'ResignationPlanner',
    entry: 'functions/offboarding/resignationPlanner.ts',
    description:
      'Schedules the revocation stages of a resignation and the account notice, moves them (a moved day, a completed handover), cancels them on withdrawal',
    triggers: [
      {
        kind: 'event',
        events: [resignationSubmitted, resignationChanged, resignationWithdrawn, offboardingCompleted],
      },
    ],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      scheduler: 'manage',
      identity: 'manage',
      mail: 'send',
    },
    timeoutSeconds: 60,
  },
  {
    id: functionIds.revocation,
    entry: 'functions/offboarding/revocation.ts',
    description:
      "Applies a revocation stage when its schedule fires, and sends the account's notice a day ahead",
    triggers: [{ kind: 'scheduleTarget' }],
    needs: { tables: { hr: 'write' }, evidence: 'append', identity: 'manage', mail: 'send' },
    timeoutSeconds: 60,
  },
  {
    id: functionIds.handoverCase,
    entry: 'functions/offboarding/handoverCase.ts',
    description:
      'Handover steps: open the case, remind, escalate, wait for confirmations; follow the resignation',
    triggers: [
      { kind: 'workflowTask' },
      { kind: 'event', events: [resignationChanged, resignationWithdrawn] },
    ],
    needs: { tables: { hr: 'write' }, evidence: 'append', workflow: 'callback', mail: 'send' },
    timeoutSeconds: 60,
  },
  {
    id: functionIds.handoverCompletion,
    entry: 'functions/offboarding/handoverCompletion.ts',
    description:
      'Handover completion: transfer accepted customers, store the signed report, complete the case',
    triggers: [{ kind: 'workflowTask' }],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      buckets: { reports: 'write' },
      eventBus: 'publish',
      signer: 'sign',
      mail: 'send',
    },
    timeoutSeconds: 300,
  },
  {
    id: 'FailureReports',
    entry: 'functions/offboarding/failureReports.ts',
    description:
      'Puts what a background step still failed after its retries where people see it: the resignation or case needs attention, HR is told',
    triggers: [{ kind: 'failedDeliveries' }],
    needs: { tables: { hr: 'write' }, evidence: 'append', mail: 'send' },
    timeoutSeconds: 30,
  },
  {
    id: 'ComplianceSweep',
    entry: 'functions/offboarding/complianceSweep.ts',
    description:
      'Daily safety net: applies revocation stages that are due and revokes what leavers still hold',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      scheduler: 'manage',
      identity: 'manage',
    },
    // Walks every open resignation and every leaver.
    timeoutSeconds: 900,
  },
];

export const offboardingWorkflows: readonly WorkflowEntry[] = [
  // The handover of each resignation: infra/workflows/handover.ts builds its state machine.
  { id: 'Handover', startedBy: [resignationSubmitted] },
];
