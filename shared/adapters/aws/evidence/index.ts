export * from './accessDenialLog.ts';
export * from './evidenceLog.ts';
