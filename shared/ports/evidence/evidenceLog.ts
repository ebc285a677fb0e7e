import type { ChainVerification, EvidenceDraft, EvidenceEntry } from '#domain/evidence/evidence.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedWrite } from '#kernel/writes.ts';

export interface EvidenceFilter {
  subject?: string;
  /** An offboarding case or resignation: its entries through the byCase index. */
  caseId?: string;
  action?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
}

export interface EvidenceLog {
  /**
   * Appends entries at the head of the chain, together with `alongside` writes in one transaction:
   * either all of it lands or none (a failed condition of theirs is a WriteRejectedError). Concurrent
   * appenders never fork the chain.
   */
  append(
    drafts: readonly EvidenceDraft[],
    options?: { alongside?: readonly PreparedWrite[] },
  ): Promise<EvidenceEntry[]>;
  /** Newest first: by subject through its index, otherwise along the chain. */
  find(filter: EvidenceFilter, page: PageRequest): Promise<PageResult<EvidenceEntry>>;
  /** The newest entry's sequence number and hash; undefined while the chain is empty. */
  head(): Promise<{ seq: number; hash: string } | undefined>;
  /** Walks the whole chain and names the first broken link, if any. */
  verify(): Promise<ChainVerification>;
}
