export * from './skillStore.ts';
