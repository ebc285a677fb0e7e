export type * from './caseStore.ts';
export type * from './resignationStore.ts';
export type * from './templateStore.ts';
