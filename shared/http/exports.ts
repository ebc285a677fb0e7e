import { Timestamp } from '#kernel/ids.ts';
import { Link, Sha256Hex } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const Approval = z
  .string()
  .check(
    z.minLength(3),
    z.maxLength(500),
    z.describe('An HR admin approving more rows than the cap says why'),
  );

/** The body of an export: the list's filter, and an HR admin's approval beyond the row cap. */
export const exportBody = <F extends z.ZodMiniType<Record<string, unknown>>>(filter: F) =>
  z.strictObject({
    filter: z._default(filter, {} as z.util.NoUndefined<z.output<F>>),
    approval: z.optional(Approval),
  });

/** Where an export is (a short-lived link), how many rows it holds and the file's hash. */
export const ExportLink = z
  .object({
    url: Link,
    expiresAt: Timestamp,
    rows: z.int().check(z.gte(0), z.lte(100_000)),
    sha256: Sha256Hex,
  })
  .check(z.meta({ id: 'Export' }));
