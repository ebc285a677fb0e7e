import type {
  Customer,
  CustomerChange,
  CustomerRecord,
  CustomerSummary,
} from '#domain/customers/customer.ts';
import type { CustomerKnowledge } from '#domain/customers/knowledge.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface CustomerStore {
  get(id: string, options?: { consistent?: boolean }): Promise<CustomerRecord | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, CustomerRecord>>;
  /** An owner's live customers, key accounts first; without them when `keyAccounts` is false. */
  listByOwner(
    ownerId: string,
    options: { keyAccounts: boolean },
    page: PageRequest,
  ): Promise<PageResult<CustomerSummary>>;
  listBy(
    kind: 'industry' | 'region' | 'tier',
    value: string,
    options: { keyAccounts: boolean },
    page: PageRequest,
  ): Promise<PageResult<CustomerSummary>>;
  /** Newest first. */
  history(id: string, page: PageRequest): Promise<PageResult<CustomerChange>>;
  /**
   * A new customer with its first history entry and its knowledge record (its first owner, or what its
   * first deals did); the owner must be an employee who has not left.
   */
  prepareCreate(customer: Customer, change: CustomerChange, knowledge?: CustomerKnowledge): PreparedChange;
  /** Who owned a customer first (its history's first entry). */
  firstOwner(id: string): Promise<string | undefined>;
  /**
   * The next version of a customer (an update, a deletion, a restore, a new owner) with its history
   * entry, on condition that the stored one is still `before`; its list and index entries follow.
   */
  prepareNextVersion(
    before: CustomerRecord,
    after: CustomerRecord,
    change: CustomerChange,
    options?: { ownerChecked?: boolean },
  ): PreparedChange;
  /** The owner must be an employee who has not left (once per transaction, however many customers move). */
  prepareOwnerCheck(ownerId: string): PreparedChange;
  /** New customers of an import, each with its first history entry; each owner checked once. */
  prepareImport(batch: readonly { customer: Customer; change: CustomerChange }[]): PreparedChange;
}
