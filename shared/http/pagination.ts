import { z } from 'zod';

/** `?limit=&cursor=` on every list; a page never holds more than `limit` items. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as ?cursor= to read the next page; absent on the last page'),
  });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
