import type { CustomerChange, CustomerRecord } from '#domain/customers/customer.ts';
import { dealFromEmbedded, firstDealChange } from '#domain/customers/deal.ts';
import type { Clock } from '#kernel/clock.ts';
import { combineChanges, committing, type Writes } from '#kernel/writes.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { DealStore } from '#ports/customers/dealStore.ts';
import type { KnowledgeStore } from '#ports/customers/knowledgeStore.ts';
import type { KnowledgeWriter } from './knowledge.ts';

export interface MoveDeps {
  customers: Pick<CustomerStore, 'listBy' | 'getMany' | 'prepareNextVersion'>;
  deals: Pick<DealStore, 'all' | 'prepareCreate'>;
  knowledgeRecords: Pick<KnowledgeStore, 'getMany'>;
  knowledge: KnowledgeWriter;
  writes: Writes;
  clock: Clock;
}

export interface MoveResult {
  /** Live customers looked at. */
  customers: number;
  /** Customers whose embedded deals moved, and how many deals that was. */
  moved: number;
  deals: number;
  /** Customers of before whose knowledge record was built from their deals and interactions. */
  built: number;
}

/** Deal records (two items each) one transaction writes. */
const dealsPerTransaction = 40;

/**
 * The migration of deals once embedded in the customer record (up to 100 each) to records of their
 * own, and of customers of before to a knowledge record. Per customer: the deal records not there yet,
 * 40 to a transaction; then, in one transaction, the customer without its embedded list (a new
 * version with its history entry) and its knowledge record built from every deal and interaction.
 * Deal ids come from the customer and the deal's place in its list, so running it again, or after a
 * crash half way, makes no deal twice. Live customers are found through the tier index (no Scan); a
 * deleted one keeps its list until it is restored and the next run moves it.
 */
export function makeMoveEmbeddedDeals({
  customers,
  deals,
  knowledgeRecords,
  knowledge,
  writes,
  clock,
}: MoveDeps) {
  const move = async (customer: CustomerRecord): Promise<number> => {
    const at = clock.now().toISOString();
    const embedded = customer.legacyDeals ?? [];
    const records = embedded.map((d, n) => dealFromEmbedded(customer, d, n, at, 'system'));
    const there = new Set((await deals.all(customer.id)).map((d) => d.id));
    const missing = records.filter((d) => !there.has(d.id));
    for (let i = 0; i < missing.length; i += dealsPerTransaction) {
      const chunk = missing.slice(i, i + dealsPerTransaction);
      const change = combineChanges(
        ...chunk.map((d) => deals.prepareCreate(d, firstDealChange(d), { peopleChecked: true })),
      );
      await committing(change, (w) => writes.commit(w));
    }
    await knowledge.rebuild(customer.id, (fresh) => {
      if (!fresh.legacyDeals) return combineChanges(); // another run got there first
      const { legacyDeals, ...rest } = fresh;
      const after: CustomerRecord = { ...rest, version: fresh.version + 1, updatedAt: at };
      const change: CustomerChange = {
        customerId: fresh.id,
        version: after.version,
        actor: 'system',
        at,
        reason: 'Deals moved to records of their own (GET /v1/customers/{id}/deals)',
        changes: { deals: { from: legacyDeals, to: null } },
      };
      return customers.prepareNextVersion(fresh, after, change, { ownerChecked: true });
    });
    return records.length;
  };

  return async (): Promise<MoveResult> => {
    const result: MoveResult = { customers: 0, moved: 0, deals: 0, built: 0 };
    for (const tier of ['key', 'standard'] as const) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await customers.listBy(
          'tier',
          tier,
          { keyAccounts: true },
          { limit: 100, ...(startKey ? { startKey } : {}) },
        );
        const ids = page.items.map((c) => c.id);
        const [records, known] = await Promise.all([customers.getMany(ids), knowledgeRecords.getMany(ids)]);
        for (const id of ids) {
          const customer = records.get(id);
          if (!customer || customer.deletedAt) continue;
          result.customers++;
          if (customer.legacyDeals) {
            result.deals += await move(customer);
            result.moved++;
          } else if (!known.get(id)?.activity) {
            await knowledge.rebuild(id);
            result.built++;
          }
        }
        startKey = page.nextKey;
      } while (startKey);
    }
    return result;
  };
}
