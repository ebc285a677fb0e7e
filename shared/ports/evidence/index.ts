export type * from './accessDenialLog.ts';
export type * from './evidenceLog.ts';
