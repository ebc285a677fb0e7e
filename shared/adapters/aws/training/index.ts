export * from './skillStore.ts';
export * from './trainingStore.ts';
