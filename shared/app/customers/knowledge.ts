import type { CustomerRecord } from '#domain/customers/customer.ts';
import { activityOf, type CustomerKnowledge, type KnowledgeActivity } from '#domain/customers/knowledge.ts';
import { NotFoundError } from '#kernel/errors.ts';
import {
  combineChanges,
  committing,
  type PreparedChange,
  retryingRaces,
  type Writes,
} from '#kernel/writes.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { DealStore } from '#ports/customers/dealStore.ts';
import type { InteractionStore } from '#ports/customers/interactionStore.ts';
import type { KnowledgeStore } from '#ports/customers/knowledgeStore.ts';

export interface KnowledgeDeps {
  knowledge: KnowledgeStore;
  customers: Pick<CustomerStore, 'get' | 'firstOwner'>;
  deals: Pick<DealStore, 'all'>;
  interactions: Pick<InteractionStore, 'all'>;
  writes: Writes;
  timeZone: string;
}

/** What a write of a deal or an interaction commits, and what it does to the customer's knowledge record. */
export interface KnowledgeChange<T> {
  change: PreparedChange;
  activity: (before: KnowledgeActivity) => KnowledgeActivity;
  result: T;
}

/**
 * Commits a deal's or an interaction's write in one transaction with the customer's knowledge record,
 * so the record never misses a write nor counts one twice. The record is read first and saved on
 * condition of its version: a concurrent write (or a transfer of the customer) makes this one read
 * everything again. A record of before that was never built is built from every deal and interaction.
 */
export function makeKnowledgeWriter({
  knowledge,
  customers,
  deals,
  interactions,
  writes,
  timeZone,
}: KnowledgeDeps) {
  const built = async (stored: CustomerKnowledge | undefined, customerId: string) =>
    stored?.activity ?? activityOf(await deals.all(customerId), await interactions.all(customerId), timeZone);

  const save = <T>(
    customerId: string,
    prepare: (customer: CustomerRecord) => Promise<KnowledgeChange<T>>,
    afresh: boolean,
  ): Promise<T> =>
    retryingRaces(async () => {
      const before = await knowledge.get(customerId, { consistent: true });
      const customer = await customers.get(customerId, { consistent: true });
      if (!customer) throw new NotFoundError(`Customer ${customerId}`);
      const { change, activity, result } = await prepare(customer);
      const after: CustomerKnowledge = {
        customerId,
        name: customer.name,
        tier: customer.tier,
        ownerId: customer.ownerId,
        firstOwnerId: before?.firstOwnerId ?? (await customers.firstOwner(customerId)) ?? customer.ownerId,
        deleted: customer.deletedAt !== undefined,
        activity: activity(await built(afresh ? undefined : before, customerId)),
        version: (before?.version ?? 0) + 1,
      };
      await committing(combineChanges(change, knowledge.prepareSave(before, after)), (w) => writes.commit(w));
      return result;
    });

  return {
    commit: <T>(customerId: string, prepare: (customer: CustomerRecord) => Promise<KnowledgeChange<T>>) =>
      save(customerId, prepare, false),

    /** Builds a customer's record afresh from its deals and interactions (the migration, a repair). */
    rebuild: (customerId: string, alongside?: (customer: CustomerRecord) => PreparedChange) =>
      save(
        customerId,
        async (customer) => ({
          change: alongside?.(customer) ?? combineChanges(),
          activity: (a) => a,
          result: undefined,
        }),
        true,
      ),
  };
}

export type KnowledgeWriter = ReturnType<typeof makeKnowledgeWriter>;
