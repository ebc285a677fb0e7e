import { importRequested } from '#domain/imports/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { importRuns } from '#wiring/imports.ts';
import { logger } from '#wiring/log.ts';

const jobs = importRuns();

/**
 * Runs an import job as far as this invocation gets (15 minutes at most): it checks the file, then
 * writes chunk by chunk, and hands what is left to its next invocation (ImportRequested again).
 */
export const handler = arrivalHandler(async (input, context) => {
  const { jobId } = readEvent(input, [importRequested]).detail;
  const job = await jobs.run(jobId, () => context.getRemainingTimeInMillis?.() ?? 900_000);
  logger.info('Import job ran', { jobId, status: job?.status, rowsDone: job?.rowsDone });
  return { jobId, status: job?.status };
});
