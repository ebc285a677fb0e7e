/** Risk: the relations a team depends on (mentoring first), and what is computed from them. */
export * from './errors.ts';
export * from './mentorship.ts';
