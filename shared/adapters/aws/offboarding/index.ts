export * from './caseStore.ts';
export * from './resignationStore.ts';
export * from './templateStore.ts';
