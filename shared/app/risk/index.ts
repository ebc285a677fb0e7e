/** Risk's use cases: the relations a team depends on (mentoring first). */

export * from './assessments.ts';
export * from './keyPerson.ts';
export * from './mentorships.ts';
export * from './referrals.ts';
export * from './resignationAlert.ts';
export * from './simulations.ts';
export * from './snapshots.ts';
export * from './weights.ts';
