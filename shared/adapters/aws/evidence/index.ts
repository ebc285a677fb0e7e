export * from './evidenceLog.ts';
