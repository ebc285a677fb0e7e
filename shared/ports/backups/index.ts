export type * from './backupRecords.ts';
export type * from './backupStorage.ts';
