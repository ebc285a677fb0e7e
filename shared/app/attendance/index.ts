/** Attendance's use cases. */

export * from './punches.ts';
export * from './setup.ts';
