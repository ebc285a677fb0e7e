import type { Resignation } from '#domain/offboarding/resignation.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface ResignationStore {
  /** The employee's most recent resignation, whatever its status. */
  latest(employeeId: string): Promise<Resignation | undefined>;
  get(employeeId: string, id: string): Promise<Resignation | undefined>;
  /** Employees with an open resignation (the compliance sweep walks these). */
  listOpen(page: PageRequest): Promise<PageResult<{ employeeId: string }>>;
  /** A new resignation; refused (409) while the employee has an open one. */
  prepareCreate(resignation: Resignation): PreparedChange;
  /** `after`, on condition that the stored one is still `before` (its revision, not its version). */
  prepareUpdate(before: Resignation, after: Resignation): PreparedChange;
}
