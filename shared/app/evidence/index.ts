export * from './accessDenials.ts';
export * from './readEvidence.ts';
