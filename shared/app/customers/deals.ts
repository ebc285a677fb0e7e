import { randomBytes } from 'node:crypto';
import { mayWrite } from '#domain/customers/customer.ts';
import {
  type Deal,
  type DealChange,
  type DealEdits,
  DealFields,
  dealDifferences,
  dealFieldsOf,
  dealId,
  type NewDeal,
} from '#domain/customers/deal.ts';
import { withDeal } from '#domain/customers/knowledge.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  InvalidInputError,
  invalidFields,
  NotFoundError,
  PermissionDeniedError,
  requireVersion,
} from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { localDate } from '#kernel/time.ts';
import { combineChanges } from '#kernel/writes.ts';
import type { DealStore } from '#ports/customers/dealStore.ts';
import type { Customers } from './customers.ts';
import type { KnowledgeWriter } from './knowledge.ts';

export interface DealDeps {
  customers: Pick<Customers, 'visible'>;
  deals: DealStore;
  knowledge: KnowledgeWriter;
  clock: Clock;
  /** The company's: a deal cannot close after today there. */
  timeZone: string;
}

const notInTheFuture = (fields: DealFields, today: string) => {
  if (fields.closedAt && fields.closedAt > today)
    throw new InvalidInputError('A deal is won or lost on a day that has come.', [
      { field: 'closedAt', message: `After today (${today})` },
    ]);
};

/**
 * Deals as records of their own under the customer, each change a new version with its history
 * entry; every write updates, in the same transaction, who knows the customer (knowledge.ts). Those
 * who may read the customer read its deals; those who may change it (its owner, HR) record and edit them.
 */
export function makeDeals({ customers, deals, knowledge, clock, timeZone }: DealDeps) {
  const today = () => localDate(clock.now(), timeZone);
  const writable = async (actor: Principal, customerId: string) => {
    const customer = await customers.visible(actor, customerId);
    if (!mayWrite(actor, customer))
      throw new PermissionDeniedError('Only the owner (or HR) records and changes a customer’s deals.');
    return customer;
  };

  return {
    async create(actor: Principal, customerId: string, input: NewDeal): Promise<Deal> {
      await writable(actor, customerId);
      const parsed = DealFields.safeParse(input);
      if (!parsed.success) throw invalidFields(parsed.error.issues);
      notInTheFuture(parsed.data, today());
      const now = clock.now();
      const deal: Deal = {
        id: dealId(now, randomBytes(4).toString('hex')),
        customerId,
        ...dealFieldsOf(parsed.data),
        assistedBy: [...new Set(parsed.data.assistedBy)],
        createdBy: actor.employeeId,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const change: DealChange = {
        customerId,
        dealId: deal.id,
        version: 1,
        actor: actor.employeeId,
        at: deal.createdAt,
        changes: dealDifferences({}, dealFieldsOf(deal)),
      };
      return knowledge.commit(customerId, async () => ({
        change: deals.prepareCreate(deal, change),
        activity: (a) => withDeal(a, undefined, deal),
        result: deal,
      }));
    },

    async list(actor: Principal, customerId: string, page: PageRequest): Promise<PageResult<Deal>> {
      await customers.visible(actor, customerId);
      return deals.list(customerId, page);
    },

    async get(actor: Principal, customerId: string, id: string): Promise<Deal> {
      await customers.visible(actor, customerId);
      const deal = await deals.get(customerId, id);
      if (!deal) throw new NotFoundError(`Deal ${id}`);
      return deal;
    },

    async history(actor: Principal, customerId: string, id: string, page: PageRequest) {
      await this.get(actor, customerId, id);
      return deals.history(customerId, id, page);
    },

    async update(
      actor: Principal,
      customerId: string,
      id: string,
      { reason, ...edits }: DealEdits,
      expectedVersion: number | undefined,
    ): Promise<Deal> {
      await writable(actor, customerId);
      return knowledge.commit(customerId, async () => {
        const before = await deals.get(customerId, id, { consistent: true });
        if (!before) throw new NotFoundError(`Deal ${id}`);
        requireVersion(before.version, expectedVersion);
        const merged: Record<string, unknown> = { ...dealFieldsOf(before), ...edits };
        // null clears a field (reopening a deal clears when and by whom it was closed)
        for (const field of ['closedAt', 'closedBy'] as const)
          if (merged[field] === null) delete merged[field];
        const parsed = DealFields.safeParse(merged);
        if (!parsed.success) throw invalidFields(parsed.error.issues);
        notInTheFuture(parsed.data, today());
        const changes = dealDifferences(dealFieldsOf(before), parsed.data);
        const { closedAt: _a, closedBy: _b, ...kept } = before;
        const after: Deal = {
          ...kept,
          ...dealFieldsOf(parsed.data),
          version: before.version + 1,
          updatedAt: clock.now().toISOString(),
        };
        if (Object.keys(changes).length === 0)
          return { change: combineChanges(), activity: (a) => a, result: before };
        const entry: DealChange = {
          customerId,
          dealId: id,
          version: after.version,
          actor: actor.employeeId,
          at: after.updatedAt,
          ...(reason ? { reason } : {}),
          changes,
        };
        return {
          change: deals.prepareUpdate(before, after, entry),
          activity: (a) => withDeal(a, before, after),
          result: after,
        };
      });
    },
  };
}
