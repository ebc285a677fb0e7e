import { randomInt } from 'node:crypto';
import { reportsTo } from '#app/people/index.ts';
import {
  Customer,
  type CustomerChange,
  type CustomerRecord,
  type CustomerSummary,
  customerDifferences,
  type EmbeddedDeal,
  mayRead,
  mayWrite,
} from '#domain/customers/customer.ts';
import { dealFromEmbedded, firstDealChange } from '#domain/customers/deal.ts';
import { emptyActivity, firstKnowledge, withDeal } from '#domain/customers/knowledge.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  invalidFields,
  NotFoundError,
  PermissionDeniedError,
  requireVersion,
} from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { combineChanges, committing, type Writes } from '#kernel/writes.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { DealStore } from '#ports/customers/dealStore.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';

export interface CustomerDeps {
  customers: CustomerStore;
  deals: Pick<DealStore, 'prepareCreate'>;
  employees: Pick<EmployeeStore, 'get'>;
  evidence: EvidenceLog;
  writes: Writes;
  clock: Clock;
}

export type NewCustomer = Omit<Customer, 'id' | 'ownerId'> & {
  ownerId?: string | undefined;
  /** Deals a new customer brings along, in the shape once embedded: each becomes a deal record. */
  deals?: readonly EmbeddedDeal[] | undefined;
};
/** As many deals as one transaction takes beside the customer (two items each). */
export const maxDealsOnCreate = 40;
export type CustomerEdits = Partial<Omit<Customer, 'id' | 'ownerId'>>;
/** Any of these, combined: each given one must hold. Without an owner or any other, the caller's own. */
export interface CustomerFilter {
  ownerId?: string | undefined;
  industry?: string | undefined;
  region?: string | undefined;
  tier?: 'key' | 'standard' | undefined;
}

const newCustomerId = () => `C${String(randomInt(1e9, 1e10))}`;

/**
 * Customer records as company assets. Reads answer 404 to anyone who may not see a customer (its
 * existence stays hidden); every change is a new version written with its history entry, under
 * optimistic locking; deletion is soft and HR can undo it.
 */
export function makeCustomers({ customers, deals, employees, evidence, writes, clock }: CustomerDeps) {
  const ownerInLineOf = (actor: Principal, ownerId: string) => async () => {
    const owner = await employees.get(ownerId);
    return owner ? reportsTo(employees, owner, actor.employeeId) : false;
  };
  const visible = async (actor: Principal, id: string, consistent = false): Promise<CustomerRecord> => {
    const customer = await customers.get(id, { consistent });
    if (!customer || !(await mayRead(actor, customer, ownerInLineOf(actor, customer.ownerId)))) {
      throw new NotFoundError(`Customer ${id}`);
    }
    return customer;
  };
  const nextVersion = async (
    actor: Principal,
    before: CustomerRecord,
    after: CustomerRecord,
    reason?: string,
  ) => {
    const change: CustomerChange = {
      customerId: before.id,
      version: after.version,
      actor: actor.employeeId,
      at: after.updatedAt,
      ...(reason ? { reason } : {}),
      changes: customerDifferences(before, after),
    };
    await committing(customers.prepareNextVersion(before, after, change), (w) => writes.commit(w));
    return after;
  };

  return {
    visible,

    async create(actor: Principal, input: NewCustomer): Promise<CustomerRecord> {
      requirePermission(actor, 'customer:write');
      const { deals: embedded = [], ...fields } = input;
      const parsed = Customer.safeParse({
        ...fields,
        id: newCustomerId(),
        ownerId: input.ownerId ?? actor.employeeId,
      });
      if (!parsed.success) throw invalidFields(parsed.error.issues);
      const customer = parsed.data;
      if (!mayWrite(actor, customer))
        throw new PermissionDeniedError('You may create customers only for yourself.');
      if (customer.tier === 'key') requirePermission(actor, 'customer:read:key-accounts');
      const at = clock.now().toISOString();
      const change: CustomerChange = {
        customerId: customer.id,
        version: 1,
        actor: actor.employeeId,
        at,
        changes: customerDifferences({}, customer),
      };
      const brought = embedded.map((d, n) => dealFromEmbedded(customer, d, n, at, actor.employeeId));
      const knowledge = brought.reduce((a, deal) => withDeal(a, undefined, deal), emptyActivity());
      await committing(
        combineChanges(
          customers.prepareCreate(customer, change, firstKnowledge(customer, knowledge)),
          ...brought.map((deal) => deals.prepareCreate(deal, firstDealChange(deal), { peopleChecked: true })),
        ),
        (w) => writes.commit(w),
      );
      return { ...customer, version: 1, createdAt: at, updatedAt: at };
    },

    async update(
      actor: Principal,
      id: string,
      edits: CustomerEdits,
      expectedVersion: number | undefined,
      reason?: string,
    ) {
      const before = await visible(actor, id, true);
      if (before.deletedAt)
        throw new ConflictError('customer_deleted', `Customer ${id} is deleted; restore it first.`);
      if (!mayWrite(actor, before))
        throw new PermissionDeniedError('Only the owner (or HR) changes a customer.');
      const { version, createdAt, updatedAt: _u, ...current } = before;
      const parsed = Customer.safeParse({ ...current, ...edits });
      if (!parsed.success) throw invalidFields(parsed.error.issues);
      if (parsed.data.tier === 'key') requirePermission(actor, 'customer:read:key-accounts');
      requireVersion(version, expectedVersion);
      if (Object.keys(customerDifferences(current, parsed.data)).length === 0) return before;
      const after = { ...parsed.data, version: version + 1, createdAt, updatedAt: clock.now().toISOString() };
      return nextVersion(actor, before, after, reason);
    },

    async remove(actor: Principal, id: string, expectedVersion: number | undefined, reason?: string) {
      const before = await visible(actor, id, true);
      if (before.deletedAt) return before;
      if (!mayWrite(actor, before))
        throw new PermissionDeniedError('Only the owner (or HR) deletes a customer.');
      requireVersion(before.version, expectedVersion);
      const at = clock.now().toISOString();
      return nextVersion(
        actor,
        before,
        { ...before, version: before.version + 1, updatedAt: at, deletedAt: at, deletedBy: actor.employeeId },
        reason,
      );
    },

    async restore(actor: Principal, id: string, reason: string) {
      requirePermission(actor, 'customer:read:all');
      requirePermission(actor, 'customer:write');
      const before = await visible(actor, id, true);
      if (!before.deletedAt) return before;
      const { deletedAt: _d, deletedBy: _b, ...live } = before;
      const after = { ...live, version: before.version + 1, updatedAt: clock.now().toISOString() };
      const change: CustomerChange = {
        customerId: id,
        version: after.version,
        actor: actor.employeeId,
        at: after.updatedAt,
        reason,
        changes: customerDifferences(before, after),
      };
      await committing(customers.prepareNextVersion(before, after, change), (writes) =>
        evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'customer.restored',
              subject: `customer:${id}`,
              reason,
              details: { deletedBy: before.deletedBy ?? null },
            },
          ],
          { alongside: writes },
        ),
      );
      return after;
    },

    async history(actor: Principal, id: string, page: PageRequest): Promise<PageResult<CustomerChange>> {
      await visible(actor, id);
      return customers.history(id, page);
    },

    /** The caller's own customers by default; another owner's for their managers and HR; the indexes for HR. */
    /**
     * One Query picks the customers (an owner's; else by tier, industry or region, in that order) and
     * the other filters are checked on what it reads: a page may hold fewer than `limit` (and go on).
     */
    async list(
      actor: Principal,
      filter: CustomerFilter,
      page: PageRequest,
    ): Promise<PageResult<CustomerSummary>> {
      const keyAccounts = actor.permissions.has('customer:read:key-accounts');
      const { ownerId, industry, region, tier } = filter;
      if (tier === 'key') requirePermission(actor, 'customer:read:key-accounts');
      const holds = (c: Pick<CustomerSummary, 'industry' | 'region' | 'tier'>) =>
        (industry === undefined || c.industry === industry) &&
        (region === undefined || c.region === region) &&
        (tier === undefined || c.tier === tier);
      const narrowed = (result: PageResult<CustomerSummary>) => ({
        ...result,
        items: result.items.filter(holds),
      });
      if (ownerId === undefined && (industry !== undefined || region !== undefined || tier !== undefined)) {
        requirePermission(actor, 'customer:read:all');
        const [kind, value] = (
          [
            ['tier', tier],
            ['industry', industry],
            ['region', region],
          ] as const
        ).find(([, v]) => v !== undefined) as ['industry' | 'region' | 'tier', string];
        return narrowed(await customers.listBy(kind, value, { keyAccounts }, page));
      }
      const owner = ownerId ?? actor.employeeId;
      if (owner === actor.employeeId) requirePermission(actor, 'customer:read:own');
      else if (!actor.permissions.has('customer:read:all')) {
        requirePermission(actor, 'customer:read:team');
        if (!(await ownerInLineOf(actor, owner)())) {
          throw new PermissionDeniedError('Managers list the customers of their own line only.');
        }
      }
      return narrowed(await customers.listByOwner(owner, { keyAccounts }, page));
    },
  };
}

export type Customers = ReturnType<typeof makeCustomers>;
