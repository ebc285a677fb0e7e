export * from './backupRecords.ts';
export * from './backupStorage.ts';
export * from './tableAccess.ts';
