export type * from './stores.ts';
