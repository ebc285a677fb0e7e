/** Risk: the relations a team depends on (mentoring first), and what is computed from them. */

export * from './assessment.ts';
export * from './errors.ts';
export * from './mentorship.ts';
export * from './messages.ts';
export * from './permissions.ts';
export * from './snapshot.ts';
export * from './weights.ts';
