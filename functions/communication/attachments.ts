import { AttachmentId, NoticeAttachment } from '#domain/communication/index.ts';
import { Timestamp } from '#kernel/ids.ts';
import { Link, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** Where to PUT one file for a notice or a question; then name its id among the attachments. */
export const AttachmentUploadLink = z
  .object({
    id: AttachmentId,
    method: z.literal('PUT'),
    contentType: upTo(100),
    url: Link,
    expiresAt: Timestamp,
  })
  .check(z.meta({ id: 'AttachmentUploadLink' }));

/** A kept file as its readers get it: described, with a short-lived link. */
export const AttachmentWithLink = z
  .object({ ...NoticeAttachment.shape, url: Link.check(z.describe('A 15-minute link to download the file')) })
  .check(z.meta({ id: 'AttachmentWithLink' }));
