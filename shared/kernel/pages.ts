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
