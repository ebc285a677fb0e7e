import type { AccessDenial } from '#domain/evidence/accessDenial.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

export interface AccessDenialFilter {
  actor?: string;
  /** ISO instants, inclusive; they select by the hour of the attempts. */
  from?: string;
  to?: string;
}

/** Where refused attempts are counted: one entry per actor, action, target and hour. */
export interface AccessDenialLog {
  /** Counts one more attempt into its hour's entry (creating it with the first). */
  record(
    denial: Omit<AccessDenial, 'firstAt' | 'lastAt' | 'count' | 'firstRequestId' | 'lastRequestId'> & {
      at: string;
      requestId: string;
    },
  ): Promise<void>;
  /** Newest hour first. */
  list(filter: AccessDenialFilter, page: PageRequest): Promise<PageResult<AccessDenial>>;
}
