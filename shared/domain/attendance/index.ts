/** Attendance: sites, shifts and rules; punches with the server's verdict; attendance days; overtime claims. */

export * from './day.ts';
export * from './errors.ts';
export * from './leave.ts';
export * from './messages.ts';
export * from './overtime.ts';
export * from './permissions.ts';
export * from './punch.ts';
export * from './rules.ts';
export * from './shift.ts';
export * from './site.ts';
