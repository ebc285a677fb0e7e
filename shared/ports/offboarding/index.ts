export type * from './caseStore.ts';
export type * from './resignationStore.ts';
