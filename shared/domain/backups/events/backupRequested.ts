import { defineEvent } from '#kernel/events.ts';
import * as z from '#kernel/zod.ts';
import { BackupIdPattern } from '../backup.ts';

export const backupRequested = defineEvent({
  name: 'BackupRequested',
  version: 1,
  description: 'Someone asked for a backup now (the daily one needs no event)',
  detail: z.object({
    backupId: z.string().check(z.regex(BackupIdPattern)),
    requestedBy: z.string().check(z.minLength(1), z.maxLength(100)),
  }),
});
