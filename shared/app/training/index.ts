export * from './effectiveness.ts';
export * from './mentoring.ts';
export * from './programs.ts';
export * from './proposals.ts';
export * from './reminders.ts';
export * from './reviewEvidence.ts';
export * from './skills.ts';
