/** Imports: CSV files run as jobs with a checkpoint, a dry run and an error report. */
export * from './events/index.ts';
export * from './job.ts';
