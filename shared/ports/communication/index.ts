export type * from './notifier.ts';
