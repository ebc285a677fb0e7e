import type { ChainVerification, EvidenceDraft, EvidenceEntry } from '#domain/evidence.ts';

/**
 * A write prepared by a store adapter that must commit atomically with the evidence entries
 * describing it (one DynamoDB transaction item: Put, Update, Delete or ConditionCheck).
 */
export interface PreparedWrite {
  readonly Put?: object;
  readonly Update?: object;
  readonly Delete?: object;
  readonly ConditionCheck?: object;
}

export interface EvidenceLog {
  /**
   * Appends entries at the head of the chain, together with `alongside` writes in one transaction:
   * either all of it lands or none. Concurrent appenders never fork the chain.
   */
  append(
    drafts: readonly EvidenceDraft[],
    options?: { alongside?: readonly PreparedWrite[] },
  ): Promise<EvidenceEntry[]>;
  /** Walks the whole chain and names the first broken link, if any. */
  verify(): Promise<ChainVerification>;
}

/** One of the caller's own `alongside` writes failed its condition; nothing was written. */
export class AlongsideWriteRejectedError extends Error {
  readonly index: number;

  constructor(index: number) {
    super(`The write at position ${index} that was to accompany the evidence was rejected by its condition`);
    this.name = 'AlongsideWriteRejectedError';
    this.index = index;
  }
}
