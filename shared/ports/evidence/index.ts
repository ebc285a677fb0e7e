export type * from './evidenceLog.ts';
