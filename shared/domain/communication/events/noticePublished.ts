import { defineEvent } from '#kernel/events.ts';
import * as z from '#kernel/zod.ts';
import { NoticeId } from '../notice.ts';

export const noticePublished = defineEvent({
  name: 'NoticePublished',
  version: 1,
  description:
    'A notice, or a correction of it, was published: its receipts are written and its recipients told',
  detail: z.object({ noticeId: NoticeId, version: z.int().check(z.positive()) }),
});
