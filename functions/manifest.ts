import { attendanceFunctions } from './attendance/manifest.ts';
import { backupFunctions } from './backups/manifest.ts';
import { communicationFunctions } from './communication/manifest.ts';
import { customerFunctions } from './customers/manifest.ts';
import type { FunctionDefinition, WorkflowEntry } from './definition.ts';
import { evidenceFunctions } from './evidence/manifest.ts';
import { importFunctions } from './imports/manifest.ts';
import { offboardingFunctions, offboardingWorkflows } from './offboarding/manifest.ts';
import { peopleFunctions } from './people/manifest.ts';
import { performanceFunctions, performanceWorkflows } from './performance/manifest.ts';
import { riskFunctions } from './risk/manifest.ts';
import { successionFunctions } from './succession/manifest.ts';
import { systemFunctions } from './system/manifest.ts';
import { trainingFunctions } from './training/manifest.ts';

export type {
  DailyHour,
  FunctionDefinition,
  Needs,
  TableLevel,
  Trigger,
  WorkflowEntry,
} from './definition.ts';
export { eventSubscriptions, functionDefaults } from './definition.ts';

/**
 * Every function of the product, area by area: the single source of truth for wiring. The CDK builds
 * functions, routes, rules, IAM grants and environment from it; the local runtime builds its router,
 * event dispatch and task mapping from it. A new area adds its `manifest.ts` and one line here.
 */
export const functionManifest: readonly FunctionDefinition[] = [
  ...systemFunctions,
  ...peopleFunctions,
  ...customerFunctions,
  ...evidenceFunctions,
  ...offboardingFunctions,
  ...backupFunctions,
  ...importFunctions,
  ...riskFunctions,
  ...communicationFunctions,
  ...performanceFunctions,
  ...trainingFunctions,
  ...successionFunctions,
  ...attendanceFunctions,
];

/** Every workflow of the product and the events that start it (its state machine: infra/workflows). */
export const workflowManifest: readonly WorkflowEntry[] = [...offboardingWorkflows, ...performanceWorkflows];
