/** Succession: key positions, their candidates with computed readiness, development plans. */

export * from './errors.ts';
export * from './keyPosition.ts';
export * from './messages.ts';
export * from './permissions.ts';
export * from './readiness.ts';
export * from './report.ts';
