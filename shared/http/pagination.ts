import type { PageRequest, PageResult } from '#kernel/pages.ts';
import * as z from '#kernel/zod.ts';
import type { CursorCodec } from './cursor.ts';

/** `?limit=&cursor=` on every list; a page never holds more than `limit` items. */
export const PageQuery = z.object({
  limit: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(100))), 25),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.optional(
      z.string().check(z.describe('Pass as ?cursor= to read the next page; absent on the last page')),
    ),
  });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** From `?limit=&cursor=` to the store's page request, checking the cursor belongs to this listing. */
export async function pageRequest(
  cursors: CursorCodec,
  query: { limit: number; cursor?: string | undefined },
  scope: string,
): Promise<PageRequest> {
  const startKey = await cursors.decode(query.cursor, scope);
  return { limit: query.limit, ...(startKey ? { startKey } : {}) };
}

export async function pageResponse<T>(
  cursors: CursorCodec,
  result: PageResult<T>,
  scope: string,
): Promise<Page<T>> {
  const nextCursor = await cursors.encode(result.nextKey, scope);
  return { items: result.items, ...(nextCursor ? { nextCursor } : {}) };
}
