/** Performance: KPIs computed from the company's records, review templates and cycles, scores. */

export * from './computation.ts';
export * from './cycle.ts';
export * from './errors.ts';
export * from './events/index.ts';
export * from './independence.ts';
export * from './kpi.ts';
export * from './measures.ts';
export * from './mentorEffect.ts';
export * from './messages.ts';
export * from './permissions.ts';
export * from './result.ts';
export * from './score.ts';
export * from './template.ts';
