/** Performance's use cases, and what other areas read of it (released results). */

export * from './computation.ts';
export * from './cycles.ts';
export * from './kpis.ts';
export * from './measureInputs.ts';
export * from './ratingReminders.ts';
export * from './scores.ts';
export * from './teamViews.ts';
