import type { CustomerRecord } from '#domain/customers/customer.ts';
import type { CustomerKnowledge } from '#domain/customers/knowledge.ts';
import type { PreparedChange } from '#kernel/writes.ts';

/** Who worked on which customer: one item per customer, beside it (see CustomerKnowledge). */
export interface KnowledgeStore {
  get(customerId: string, options?: { consistent?: boolean }): Promise<CustomerKnowledge | undefined>;
  getMany(customerIds: readonly string[]): Promise<Map<string, CustomerKnowledge>>;
  /** The live customers an owner holds, every page. */
  listByOwner(ownerId: string): Promise<CustomerKnowledge[]>;
  /** The next record, on condition that the stored one is still `before` (or that none exists). */
  prepareSave(before: CustomerKnowledge | undefined, after: CustomerKnowledge): PreparedChange;
  /**
   * Owner, name, tier and deletion follow the customer's new version (the record is created bare if a
   * customer of before has none yet); a concurrent save of the activity then loses the race and retries.
   */
  prepareFollow(customer: CustomerRecord): PreparedChange;
}
