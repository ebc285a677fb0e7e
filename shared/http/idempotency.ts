/**
 * Makes a creating POST safe to retry: the first answer for (caller, route, Idempotency-Key) is
 * stored and returned again for a retry; the same key with a different body is refused.
 */
export interface IdempotencyGuard {
  run<T>(
    request: { scope: string; key: string; payload: unknown; remainingMillis: () => number },
    work: () => Promise<T>,
  ): Promise<T>;
}
