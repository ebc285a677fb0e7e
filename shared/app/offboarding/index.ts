/** Offboarding's use cases: resignations and their revocation stages, and the handover. */
export * from './handover/assetRegister.ts';
export * from './handover/caseMeasures.ts';
export * from './handover/caseTasks.ts';
export * from './handover/completion.ts';
export * from './handover/followResignation.ts';
export * from './handover/handover.ts';
export * from './handover/heldBy.ts';
export * from './handover/openCase.ts';
export * from './handover/templates.ts';
export * from './resignations/applyStage.ts';
export * from './resignations/complianceSweep.ts';
export * from './resignations/manageResignation.ts';
export * from './resignations/planResignation.ts';
export * from './resignations/submitResignation.ts';
