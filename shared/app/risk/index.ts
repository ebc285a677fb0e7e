/** Risk's use cases: the relations a team depends on (mentoring first). */
export * from './mentorships.ts';
export * from './referrals.ts';
