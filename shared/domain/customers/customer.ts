import { CalendarDate, CustomerId, EmailAddress, EmployeeId } from '#kernel/ids.ts';
import type { Principal } from '#kernel/principal.ts';
import { text } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { Industry } from './industries.ts';

/** ISO 4217 codes the company trades in; amounts are integer minor units (fen, cents). */
export const Currency = z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY']);
export const Money = z.strictObject({
  amountMinor: z.int().check(z.nonnegative(), z.lte(1e15)),
  currency: Currency,
});

export const Contact = z.strictObject({
  name: text(100),
  role: z.optional(z.string().check(z.maxLength(100))),
  phone: z.optional(
    z.string().check(z.regex(/^\+?[0-9 -]{6,20}$/, 'Digits, spaces and dashes, optionally after +')),
  ),
  email: z.optional(EmailAddress),
  wechatId: z.optional(z.string().check(z.maxLength(50))),
});

/**
 * A deal as it was once embedded in the customer record (and as a new customer may still bring its
 * deals along): each becomes a deal record of its own (deal.ts).
 */
export const EmbeddedDeal = z.strictObject({
  date: CalendarDate,
  value: Money,
  product: text(200),
  status: z.enum(['open', 'won', 'lost']),
});
export type EmbeddedDeal = z.infer<typeof EmbeddedDeal>;

export const FollowUp = z.strictObject({
  date: CalendarDate,
  channel: z.enum(['visit', 'call', 'wechat', 'email', 'meeting']),
  summary: text(1000),
  nextStep: z.optional(z.string().check(z.maxLength(500))),
});

export const Tier = z.enum(['key', 'standard']);
export type Tier = z.infer<typeof Tier>;

/**
 * What a customer record holds. Caps keep the item (and a history entry with before and after) well
 * inside DynamoDB's 400 KB.
 */
export const customerFields = {
  name: text(200),
  industry: Industry,
  region: text(100),
  tier: Tier,
  ownerId: EmployeeId,
  contacts: z._default(z.array(Contact).check(z.maxLength(20)), []),
  preferences: z._default(z.string().check(z.maxLength(4000)), ''),
  followUps: z._default(z.array(FollowUp).check(z.maxLength(100)), []),
  tags: z._default(z.array(text(50)).check(z.maxLength(20)), []),
};

export const Customer = z.object({ id: CustomerId, ...customerFields });
export type Customer = z.infer<typeof Customer>;

export type CustomerRecord = Customer & {
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  deletedBy?: string;
  /** Deals still embedded in a record of before, kept as they are until the migration moves them. */
  legacyDeals?: EmbeddedDeal[];
};

/**
 * Customer: a company asset, owned by an employee. Items (table Hr):
 *   pk = CUST#<id>                sk = PROFILE          gsi1pk = OWNER#<ownerId>  gsi1sk = <tier>#<name>#<id>
 *   pk = CUST#<id>                sk = HIST#<version>   one per change: who, when, why, each field before/after
 *   pk = CUSTIDX#<kind>#<value>   sk = <name>#<id>      index items by industry, region and tier
 * Access patterns: one customer (GetItem); an owner's customers, key accounts first, or only the
 * standard ones (Query gsi1, prefix by tier); by industry, region or tier (Query an index partition);
 * a customer's history, newest first (Query HIST#). A deleted customer keeps its item and history but
 * leaves the owner's list and the indexes.
 */
export const customerKeys = {
  item: (id: string) => ({ pk: `CUST#${id}`, sk: 'PROFILE' }),
  byOwner: (ownerId: string) => `OWNER#${ownerId}`,
  index: (kind: 'industry' | 'region' | 'tier', value: string) => `CUSTIDX#${kind}#${value}`,
  history: (id: string, version: number) => ({
    pk: `CUST#${id}`,
    sk: `HIST#${String(version).padStart(12, '0')}`,
  }),
  historyPrefix: 'HIST#',
};

const order = (c: Pick<Customer, 'name' | 'id'>) => `${c.name}#${c.id}`;

export function customerItem({ legacyDeals, ...record }: CustomerRecord) {
  return {
    ...customerKeys.item(record.id),
    ...(record.deletedAt
      ? {}
      : { gsi1pk: customerKeys.byOwner(record.ownerId), gsi1sk: `${record.tier}#${order(record)}` }),
    type: 'Customer',
    ...record,
    ...(legacyDeals && legacyDeals.length > 0 ? { deals: legacyDeals } : {}),
  };
}

export const customerSummary = (c: Customer) => ({
  id: c.id,
  name: c.name,
  industry: c.industry,
  region: c.region,
  tier: c.tier,
  ownerId: c.ownerId,
});
export type CustomerSummary = ReturnType<typeof customerSummary>;

/**
 * The index items of a live customer: by industry, by region, by tier. They carry the summary but
 * not the owner, so that moving a customer to a new owner does not rewrite them.
 */
export const customerIndexItems = (c: Customer) => {
  const { ownerId: _owner, ...summary } = customerSummary(c);
  return (['industry', 'region', 'tier'] as const).map((kind) => ({
    pk: customerKeys.index(kind, c[kind]),
    sk: order(c),
    type: 'CustomerIndex',
    ...summary,
  }));
};

export interface CustomerChange {
  customerId: string;
  version: number;
  actor: string;
  at: string;
  reason?: string;
  /** Field by field, what it was and what it became. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

export function historyItem(change: CustomerChange) {
  return { ...customerKeys.history(change.customerId, change.version), type: 'CustomerChange', ...change };
}

/** What changed between two versions, top-level field by field (lists compared as wholes). */
export const customerDifferences = (before: Partial<CustomerRecord>, after: Partial<CustomerRecord>) =>
  fieldChanges(before, after, ['version', 'createdAt', 'updatedAt', 'legacyDeals']);

/** Top-level field by field, what a record was and what it became (a history entry's `changes`). */
export function fieldChanges(
  before: object,
  after: object,
  ignoring: readonly string[] = [],
): Record<string, { from: unknown; to: unknown }> {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const ignored = new Set(ignoring);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (ignored.has(field)) continue;
    const from = (before as Record<string, unknown>)[field];
    const to = (after as Record<string, unknown>)[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

/**
 * Who may read a customer. Owners their own, managers those owned in their line, HR all; key
 * accounts need customer:read:key-accounts on top; deleted customers only HR. `ownerInActorsLine`
 * is asked only when it matters.
 */
export async function mayRead(
  actor: Principal,
  customer: Pick<CustomerRecord, 'ownerId' | 'tier' | 'deletedAt'>,
  ownerInActorsLine: () => Promise<boolean>,
): Promise<boolean> {
  if (customer.tier === 'key' && !actor.permissions.has('customer:read:key-accounts')) return false;
  if (customer.deletedAt) return actor.permissions.has('customer:read:all');
  if (customer.ownerId === actor.employeeId && actor.permissions.has('customer:read:own')) return true;
  if (actor.permissions.has('customer:read:all')) return true;
  return actor.permissions.has('customer:read:team') && (await ownerInActorsLine());
}

/** Owners change their own customers; those who read all customers may change any. */
export function mayWrite(actor: Principal, customer: Pick<Customer, 'ownerId'>): boolean {
  if (!actor.permissions.has('customer:write')) return false;
  return customer.ownerId === actor.employeeId || actor.permissions.has('customer:read:all');
}
