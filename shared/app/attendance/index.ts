/** Attendance's use cases. */

export * from './days.ts';
export * from './overtime.ts';
export * from './punches.ts';
export * from './reports.ts';
export * from './setup.ts';
export * from './wecomImport.ts';
