/** Offboarding: resignations with their revocation stages, and the handover cases with their templates. */
export * from './case.ts';
export * from './events/index.ts';
export * from './failedDelivery.ts';
export * from './handoverTasks.ts';
export * from './resignation.ts';
export * from './template.ts';
export * from './vocabulary.ts';
