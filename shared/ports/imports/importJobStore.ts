import type { ImportJob } from '#domain/imports/index.ts';
import type { PreparedChange } from '#kernel/writes.ts';

/** Import jobs and the record of each chunk they have written. */
export interface ImportJobStore {
  get(jobId: string): Promise<ImportJob | undefined>;
  /** The job, when no job has its id yet; false when one has. */
  create(job: ImportJob): Promise<boolean>;
  /** The next version of the job, on condition that the stored one is still `before`. */
  prepareUpdate(before: ImportJob, after: ImportJob): PreparedChange;
  /** The record that chunk `index` is written: refused when it is (another run wrote it). */
  prepareChunkDone(jobId: string, index: number, rows: number): PreparedChange;
  /** The chunks written so far, by index, with their rows. */
  chunksDone(jobId: string): Promise<Map<number, number>>;
}
