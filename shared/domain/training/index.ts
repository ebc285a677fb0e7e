/** Training: skills and their evidence, the levels positions require, and the gaps between them. */

export * from './errors.ts';
export * from './permissions.ts';
export * from './skill.ts';
