export type * from './customerStore.ts';
