import type { Deal, DealChange } from '#domain/customers/deal.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface DealStore {
  get(customerId: string, dealId: string, options?: { consistent?: boolean }): Promise<Deal | undefined>;
  /** A customer's deals, newest first. */
  list(customerId: string, page: PageRequest): Promise<PageResult<Deal>>;
  /** Every deal of a customer (for a knowledge record built afresh). */
  all(customerId: string): Promise<Deal[]>;
  /** The deals someone closed (won or lost) from one day to another, inclusive, newest first. */
  closedBy(employeeId: string, from: string, to: string, page: PageRequest): Promise<PageResult<Deal>>;
  /** A deal's changes, newest first. */
  history(customerId: string, dealId: string, page: PageRequest): Promise<PageResult<DealChange>>;
  /**
   * A new deal with its first history entry; everyone it names must be an employee (unless the caller
   * checks them in the same transaction already).
   */
  prepareCreate(deal: Deal, change: DealChange, options?: { peopleChecked?: boolean }): PreparedChange;
  /** The next version with its history entry, on condition that the stored one is still `before`. */
  prepareUpdate(before: Deal, after: Deal, change: DealChange): PreparedChange;
}
