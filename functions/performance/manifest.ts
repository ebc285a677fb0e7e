import { reviewComputationRequested } from '#domain/performance/index.ts';
import { functionIds } from '#wiring/functionIds.ts';
import { type FunctionDefinition, httpFunction, type WorkflowEntry } from '../definition.ts';
import { kpiRoutes, reviewCycleRoutes, reviewTemplateRoutes } from './api/routes.ts';

export const performanceFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'performance',
    entry: 'functions/performance/api/handler.ts',
    description:
      'Performance: KPIs computed from the records, review templates and their versions, cycles and ratings',
    routes: [...kpiRoutes, ...reviewTemplateRoutes, ...reviewCycleRoutes],
    needs: { tables: { hr: 'write', idempotency: 'write' }, cursorKey: true, eventBus: 'publish' },
  }),
  {
    id: functionIds.reviewComputation,
    entry: 'functions/performance/reviewComputation.ts',
    description:
      "A review cycle's computation: plan by department, compute one department, finish, or record a failure",
    triggers: [{ kind: 'workflowTask' }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 900,
  },
  {
    id: 'RatingReminders',
    entry: 'functions/performance/ratingReminders.ts',
    description:
      'Daily: raters who still owe ratings in a cycle are reminded the day before their deadline and on it',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 300,
  },
];

export const performanceWorkflows: readonly WorkflowEntry[] = [
  // A run of a cycle's computation: infra/workflows/reviewComputation.ts builds its state machine.
  { id: 'ReviewComputation', startedBy: [reviewComputationRequested] },
];
