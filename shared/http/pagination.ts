import * as z from '#domain/zod.ts';

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
