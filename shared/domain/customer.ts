import { CalendarDate, CustomerId, EmployeeId } from './ids.ts';
import * as z from './zod.ts';

/** ISO 4217 codes the company trades in; amounts are integer minor units (fen, cents). */
export const Currency = z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY']);
export const Money = z.object({
  amountMinor: z.int().check(z.nonnegative(), z.lte(1e15)),
  currency: Currency,
});

export const Contact = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  role: z.optional(z.string().check(z.maxLength(100))),
  phone: z.optional(z.string().check(z.maxLength(30))),
  email: z.optional(z.email()),
  wechatId: z.optional(z.string().check(z.maxLength(50))),
});

export const Deal = z.object({
  date: CalendarDate,
  value: Money,
  product: z.string().check(z.minLength(1), z.maxLength(200)),
  status: z.enum(['open', 'won', 'lost']),
});

export const FollowUp = z.object({
  date: CalendarDate,
  channel: z.enum(['visit', 'call', 'wechat', 'email', 'meeting']),
  summary: z.string().check(z.minLength(1), z.maxLength(2000)),
  nextStep: z.optional(z.string().check(z.maxLength(500))),
});

/**
 * Customer: a company asset, owned by an employee. Items (table Hr):
 *   pk = CUST#<id>  sk = PROFILE  gsi1pk = OWNER#<ownerId>  gsi1sk = <tier>#<name>#<id>
 * Access patterns: one customer (GetItem); an owner's customers, key accounts first (Query gsi1).
 */
export const Customer = z.object({
  id: CustomerId,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  industry: z.string().check(z.minLength(1), z.maxLength(100)),
  region: z.string().check(z.minLength(1), z.maxLength(100)),
  tier: z.enum(['key', 'standard']),
  ownerId: EmployeeId,
  contacts: z._default(z.array(Contact).check(z.maxLength(50)), []),
  deals: z._default(z.array(Deal).check(z.maxLength(500)), []),
  preferences: z._default(z.string().check(z.maxLength(5000)), ''),
  followUps: z._default(z.array(FollowUp).check(z.maxLength(1000)), []),
  tags: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(30)), []),
});
export type Customer = z.infer<typeof Customer>;

export const customerKeys = {
  item: (id: string) => ({ pk: `CUST#${id}`, sk: 'PROFILE' }),
  byOwner: (ownerId: string) => `OWNER#${ownerId}`,
};

export function customerItem(customer: Customer, meta: { at: string; version: number }) {
  return {
    ...customerKeys.item(customer.id),
    gsi1pk: customerKeys.byOwner(customer.ownerId),
    gsi1sk: `${customer.tier}#${customer.name}#${customer.id}`,
    type: 'Customer',
    ...customer,
    version: meta.version,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
}
