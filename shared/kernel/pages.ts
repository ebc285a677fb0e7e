/** Where a listing stopped: the store's own key, made opaque and signed by the HTTP layer. */
export type StartKey = Record<string, unknown>;

export interface PageRequest {
  limit: number;
  startKey?: StartKey;
}

export interface PageResult<T> {
  items: T[];
  nextKey?: StartKey;
}

/** Every item of a paged listing, page after page (for listings that stay small enough to hold). */
export async function everyPage<T>(
  read: (page: PageRequest) => Promise<PageResult<T>>,
  pageSize = 100,
): Promise<T[]> {
  const items: T[] = [];
  let startKey: StartKey | undefined;
  do {
    const page = await read({ limit: pageSize, ...(startKey ? { startKey } : {}) });
    items.push(...page.items);
    startKey = page.nextKey;
  } while (startKey);
  return items;
}
