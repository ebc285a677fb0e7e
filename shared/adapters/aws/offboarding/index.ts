export * from './caseStore.ts';
export * from './resignationStore.ts';
