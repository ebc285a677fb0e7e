export type * from './kpiStore.ts';
