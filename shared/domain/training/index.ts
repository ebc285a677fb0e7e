/** Training: skills and their evidence, the levels positions require, programs, sessions and their effect. */

export * from './effectiveness.ts';
export * from './errors.ts';
export * from './mentoring.ts';
export * from './messages.ts';
export * from './permissions.ts';
export * from './program.ts';
export * from './skill.ts';
