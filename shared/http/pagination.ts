import type { PageRequest, PageResult } from '#kernel/pages.ts';
import * as z from '#kernel/zod.ts';
import type { CursorCodec } from './cursor.ts';
import { bindRoute, type RouteBinding, type RouteRequest, type RouteSpec } from './route.ts';

/** The most items a page holds. */
export const maxPageSize = 100;

/** `?limit=&cursor=` on every list; a page never holds more than `limit` items. */
export const PageQuery = z.object({
  limit: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(maxPageSize))), 25),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item).check(z.maxLength(maxPageSize)),
    nextCursor: z.optional(
      z
        .string()
        .check(
          z.maxLength(2048),
          z.describe('Pass as ?cursor= to read the next page; absent on the last page'),
        ),
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

/**
 * What a cursor of a list route is bound to: the route, the caller, the path and the query besides
 * `limit` and `cursor` (so another response can hand out a cursor that continues on the route).
 */
export function pageScope(
  spec: Pick<RouteSpec, 'operationId'>,
  principal: unknown,
  params: unknown,
  filter: Record<string, unknown>,
): string {
  const caller = (principal as { employeeId?: string } | undefined)?.employeeId ?? 'public';
  return `${spec.operationId} ${caller} ${JSON.stringify({ params: params ?? {}, filter })}`;
}

/**
 * A list route: `?limit=&cursor=` become the store's page request, and the cursor it gives out is
 * bound to this route, the caller, the path and the rest of the query, so it can be replayed on no
 * other list and by no other caller.
 */
export function bindPagedRoute<S extends RouteSpec, T>(
  spec: S,
  cursors: () => CursorCodec,
  list: (request: RouteRequest<S>, page: PageRequest) => Promise<PageResult<T>>,
): RouteBinding {
  return bindRoute(spec, async (request) => {
    const { limit, cursor, ...filter } = request.query as { limit: number; cursor?: string };
    const scope = pageScope(spec, request.principal, request.params, filter);
    const codec = cursors();
    const page = await pageRequest(codec, { limit, cursor }, scope);
    return { status: 200, body: await pageResponse(codec, await list(request, page), scope) };
  });
}
