import { z } from 'zod';
import { CalendarDate, CustomerId, EmployeeId } from './ids.ts';

/** ISO 4217 codes the company trades in; amounts are integer minor units (fen, cents). */
export const Currency = z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY']);
export const Money = z.object({ amountMinor: z.number().int().nonnegative().max(1e15), currency: Currency });

export const Contact = z.object({
  name: z.string().min(1).max(100),
  role: z.string().max(100).optional(),
  phone: z.string().max(30).optional(),
  email: z.email().optional(),
  wechatId: z.string().max(50).optional(),
});

export const Deal = z.object({
  date: CalendarDate,
  value: Money,
  product: z.string().min(1).max(200),
  status: z.enum(['open', 'won', 'lost']),
});

export const FollowUp = z.object({
  date: CalendarDate,
  channel: z.enum(['visit', 'call', 'wechat', 'email', 'meeting']),
  summary: z.string().min(1).max(2000),
  nextStep: z.string().max(500).optional(),
});

/**
 * Customer: a company asset, owned by an employee. Items (table Hr):
 *   pk = CUST#<id>  sk = PROFILE  gsi1pk = OWNER#<ownerId>  gsi1sk = <tier>#<name>#<id>
 * Access patterns: one customer (GetItem); an owner's customers, key accounts first (Query gsi1).
 */
export const Customer = z.object({
  id: CustomerId,
  name: z.string().min(1).max(200),
  industry: z.string().min(1).max(100),
  region: z.string().min(1).max(100),
  tier: z.enum(['key', 'standard']),
  ownerId: EmployeeId,
  contacts: z.array(Contact).max(50).default([]),
  deals: z.array(Deal).max(500).default([]),
  preferences: z.string().max(5000).default(''),
  followUps: z.array(FollowUp).max(1000).default([]),
  tags: z.array(z.string().min(1).max(50)).max(30).default([]),
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
