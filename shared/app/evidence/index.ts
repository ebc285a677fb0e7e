export * from './readEvidence.ts';
