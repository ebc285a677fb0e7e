import type { RiskSnapshot } from '#domain/risk/snapshot.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface SnapshotStore {
  /** A team's snapshots, newest first; from `before` on when given (exclusive). */
  list(departmentId: string, page: PageRequest, before?: string): Promise<PageResult<RiskSnapshot>>;
  get(departmentId: string, asOf: string): Promise<RiskSnapshot | undefined>;
  /** The day's snapshot, on condition that the day has none yet (the first run of a day keeps it). */
  prepareCreate(snapshot: RiskSnapshot): PreparedChange;
}
