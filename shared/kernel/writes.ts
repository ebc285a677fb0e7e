import { isDomainError } from './errors.ts';

/**
 * A write prepared by a store adapter, committed atomically with others (one DynamoDB transaction
 * item: Put, Update, Delete or ConditionCheck). Use cases gather them and commit them at once,
 * alone or together with the evidence entries that describe them.
 */
export interface PreparedWrite {
  readonly Put?: object;
  readonly Update?: object;
  readonly Delete?: object;
  readonly ConditionCheck?: object;
}

export interface Writes {
  /** All of them or none; a failed condition names the write by its position. */
  commit(writes: readonly PreparedWrite[]): Promise<void>;
}

/**
 * Puts without conditions, in bulk (BatchWriteItem): not atomic together, so only for items that may
 * be written again harmlessly, and whose caller has checked that nothing else writes them.
 */
export interface BulkWrites {
  putAll(puts: readonly PreparedWrite[]): Promise<void>;
}

/** The write at `index` of the caller's list failed its condition; nothing was written. */
export class WriteRejectedError extends Error {
  readonly index: number;

  constructor(index: number) {
    super(`The write at position ${index} was rejected by its condition; nothing was written`);
    this.name = 'WriteRejectedError';
    this.index = index;
  }
}

/** Writes that belong to one change, and what a failed condition on each of them means to the caller. */
export interface PreparedChange {
  readonly writes: readonly PreparedWrite[];
  /** The domain error for a rejection of `writes[index]`. */
  explain(index: number): Error;
}

export function combineChanges(...changes: readonly PreparedChange[]): PreparedChange {
  const writes = changes.flatMap((c) => c.writes);
  return {
    writes,
    explain(index) {
      let offset = 0;
      for (const change of changes) {
        if (index < offset + change.writes.length) return change.explain(index - offset);
        offset += change.writes.length;
      }
      return new Error(`No write at position ${index}`);
    },
  };
}

/** Runs a commit, turning a rejected write into the error its change gives for it. */
export async function committing<T>(
  change: PreparedChange,
  commit: (writes: readonly PreparedWrite[]) => Promise<T>,
): Promise<T> {
  try {
    return await commit(change.writes);
  } catch (error) {
    if (error instanceof WriteRejectedError) throw change.explain(error.index);
    throw error;
  }
}

/**
 * Runs `attempt` again, reading afresh, when it lost a race (`stale_version`) with a writer its
 * caller does not know about: another delivery, or the system's own bookkeeping. A caller who named
 * a version checks it inside `attempt`, so a person's change in between still ends in 412.
 */
export async function retryingRaces<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= times || !(isDomainError(error) && error.code === 'stale_version')) throw error;
    }
  }
}
