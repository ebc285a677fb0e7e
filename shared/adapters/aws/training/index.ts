export * from './mentoringStore.ts';
export * from './skillStore.ts';
export * from './trainingStore.ts';
