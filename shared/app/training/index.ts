export * from './reviewEvidence.ts';
export * from './skills.ts';
