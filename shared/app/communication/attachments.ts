import { createHash, randomBytes } from 'node:crypto';
import type { AttachmentInput, NoticeAttachment } from '#domain/communication/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError } from '#kernel/errors.ts';
import type { z } from '#kernel/zod.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';

const uploadLinkSeconds = 15 * 60;
export const downloadLinkSeconds = 15 * 60;

/**
 * Files people attach (to a notice, to a question): uploaded first through a short-lived link, then,
 * when what they belong to is written, copied where it keeps them — never overwritten, so the hash
 * recorded with them stays true — with their size and SHA-256.
 */
export function makeAttachments(files: ObjectStore, clock: Clock, uploadKey: (id: string) => string) {
  return {
    async uploadLink(contentType: string) {
      const id = randomBytes(16).toString('hex');
      return {
        id,
        method: 'PUT' as const,
        contentType,
        url: await files.uploadUrl(uploadKey(id), contentType, uploadLinkSeconds),
        expiresAt: new Date(clock.now().getTime() + uploadLinkSeconds * 1000).toISOString(),
      };
    },

    /** Each upload copied to `keep(id)`, described; an upload that is not there is refused by its field. */
    async keep(
      attachments: readonly z.infer<typeof AttachmentInput>[],
      keep: (id: string) => string,
    ): Promise<NoticeAttachment[]> {
      const kept: NoticeAttachment[] = [];
      for (const [n, a] of attachments.entries()) {
        const bytes = await files.get(uploadKey(a.id));
        if (!bytes || bytes.length === 0)
          throw new InvalidInputError(
            'An attachment was not uploaded.',
            [{ field: `attachments.${n}.id`, message: `Nothing was uploaded as ${a.id}` }],
            'attachment_missing',
          );
        await files.put(keep(a.id), bytes, a.contentType);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        kept.push({ id: a.id, name: a.name, contentType: a.contentType, size: bytes.length, sha256 });
      }
      return kept;
    },

    /** Each with a short-lived link to download it. */
    withLinks: (attachments: readonly NoticeAttachment[], kept: (id: string) => string) =>
      Promise.all(
        attachments.map(async (a) => ({
          ...a,
          url: await files.downloadUrl(kept(a.id), downloadLinkSeconds),
        })),
      ),
  };
}
