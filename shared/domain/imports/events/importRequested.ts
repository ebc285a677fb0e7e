import { defineEvent } from '#kernel/events.ts';
import * as z from '#kernel/zod.ts';
import { ImportJobId } from '../job.ts';

export const importRequested = defineEvent({
  name: 'ImportRequested',
  version: 1,
  description: 'An import job is to run: just created, sent again, or continuing where its last run stopped',
  detail: z.object({ jobId: ImportJobId }),
});
