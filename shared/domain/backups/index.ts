/** Backups: what a backup holds, its manifest and records. */
export * from './backup.ts';
export * from './events/index.ts';
