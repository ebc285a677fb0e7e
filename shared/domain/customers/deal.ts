import { createHash } from 'node:crypto';
import { CalendarDate, CustomerId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { text } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { type Customer, type EmbeddedDeal, fieldChanges, Money } from './customer.ts';

export const DealStatus = z.enum(['open', 'won', 'lost']);
export type DealStatus = z.infer<typeof DealStatus>;

/** D + the UTC time to the second + random hex: D20261201090000a1b2c3d4. */
export const DealId = z
  .string()
  .check(z.regex(/^D\d{14}[0-9a-f]{8}$/, 'A deal id looks like D20261201090000a1b2c3d4'));
export const dealId = (at: Date, random: string) =>
  `D${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

const dealFields = {
  title: text(200),
  amount: Money,
  status: DealStatus,
  /** The day it was won or lost; a closed deal has one, an open one none. */
  closedAt: z.optional(CalendarDate),
  /** Who closed it (won or lost). */
  closedBy: z.optional(EmployeeId),
  /** Colleagues who helped close it. */
  assistedBy: z.array(EmployeeId).check(z.maxLength(20)),
};

/** A closed deal says when and by whom; an open one neither. */
const closedSaysWhenAndWho = (deal: {
  status: DealStatus;
  closedAt?: string | undefined;
  closedBy?: string | undefined;
}) => {
  const issues: { field: 'closedAt' | 'closedBy'; message: string }[] = [];
  if (deal.status === 'open') {
    if (deal.closedAt) issues.push({ field: 'closedAt', message: 'An open deal is not closed yet' });
  } else {
    if (!deal.closedAt)
      issues.push({ field: 'closedAt', message: `Required when the deal is ${deal.status}` });
    if (!deal.closedBy)
      issues.push({ field: 'closedBy', message: `Required when the deal is ${deal.status}` });
  }
  return issues;
};

/** A deal as its fields stand, checked as a whole (used for a new deal and for one after edits). */
export const DealFields = z.strictObject(dealFields).check(
  z.superRefine((deal, ctx) => {
    for (const issue of closedSaysWhenAndWho(deal))
      ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field], input: deal });
    if (deal.closedBy && deal.assistedBy.includes(deal.closedBy))
      ctx.addIssue({
        code: 'custom',
        message: 'The one who closed it is not also an assistant',
        path: ['assistedBy'],
        input: deal,
      });
  }),
);
export type DealFields = z.infer<typeof DealFields>;

export const NewDeal = z.strictObject({
  ...dealFields,
  status: z._default(DealStatus, 'open'),
  assistedBy: z._default(dealFields.assistedBy, []),
});
export type NewDeal = z.input<typeof NewDeal>;

export const DealEdits = z.strictObject({
  title: z.optional(dealFields.title),
  amount: z.optional(Money),
  status: z.optional(DealStatus),
  closedAt: z.optional(z.nullable(CalendarDate)),
  closedBy: z.optional(z.nullable(EmployeeId)),
  assistedBy: z.optional(dealFields.assistedBy),
  reason: z.optional(z.string().check(z.minLength(3), z.maxLength(500))),
});
export type DealEdits = z.infer<typeof DealEdits>;

/**
 * A deal with a customer: what was sold or offered, for how much, and who won it with whose help.
 * Items (table Hr), under the customer:
 *   pk = CUST#<customerId>   sk = DEAL#<id>                         gsi1pk = DEALBY#<closedBy>  gsi1sk = <closedAt>#<id>
 *   pk = CUST#<customerId>   sk = DEALHIST#<id>#<version>           one per change, like a customer's history
 * Access patterns: a customer's deals (Query DEAL#); one (GetItem); the deals someone closed, by day
 * (Query gsi1); a deal's history (Query DEALHIST#<id>#).
 */
export const Deal = z.object({
  id: DealId,
  customerId: CustomerId,
  ...dealFields,
  createdBy: z.string().check(z.maxLength(40)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.int().check(z.positive()),
  /** Moved over from the list once embedded in the customer (its position there). */
  migratedFrom: z.optional(z.int().check(z.gte(0))),
});
export type Deal = z.infer<typeof Deal>;

export interface DealChange {
  customerId: string;
  dealId: string;
  version: number;
  actor: string;
  at: string;
  reason?: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

const pad = (version: number) => String(version).padStart(12, '0');

export const dealKeys = {
  partition: (customerId: string) => `CUST#${customerId}`,
  item: (d: Pick<Deal, 'customerId' | 'id'>) => ({ pk: `CUST#${d.customerId}`, sk: `DEAL#${d.id}` }),
  prefix: 'DEAL#',
  byCloser: (employeeId: string) => `DEALBY#${employeeId}`,
  history: (customerId: string, id: string, version: number) => ({
    pk: `CUST#${customerId}`,
    sk: `DEALHIST#${id}#${pad(version)}`,
  }),
  historyPrefix: (id: string) => `DEALHIST#${id}#`,
};

export function dealItem(deal: Deal) {
  return {
    ...dealKeys.item(deal),
    ...(deal.closedBy && deal.closedAt
      ? { gsi1pk: dealKeys.byCloser(deal.closedBy), gsi1sk: `${deal.closedAt}#${deal.id}` }
      : {}),
    type: 'Deal',
    ...deal,
  };
}

export const dealHistoryItem = (change: DealChange) => ({
  ...dealKeys.history(change.customerId, change.dealId, change.version),
  type: 'DealChange',
  ...change,
});

/** The people a deal names (closer, assistants), for existence checks. */
export const peopleOf = (deal: Pick<Deal, 'closedBy' | 'assistedBy'>) => [
  ...(deal.closedBy ? [deal.closedBy] : []),
  ...deal.assistedBy,
];

/** Field by field, what a deal was and what it became. */
export const dealDifferences = (before: Partial<DealFields>, after: Partial<DealFields>) =>
  fieldChanges(before, after);

/** A deal's fields, without its identity and bookkeeping. */
export const dealFieldsOf = (d: Pick<Deal, keyof DealFields>): DealFields => ({
  title: d.title,
  amount: d.amount,
  status: d.status,
  ...(d.closedAt ? { closedAt: d.closedAt } : {}),
  ...(d.closedBy ? { closedBy: d.closedBy } : {}),
  assistedBy: d.assistedBy,
});

export const firstDealChange = (deal: Deal): DealChange => ({
  customerId: deal.customerId,
  dealId: deal.id,
  version: 1,
  actor: deal.createdBy,
  at: deal.createdAt,
  ...(deal.migratedFrom !== undefined ? { reason: 'Was in the customer record' } : {}),
  changes: dealDifferences({}, dealFieldsOf(deal)),
});

/**
 * A deal of the embedded shape as a record: won or lost on its date by the customer's owner (the
 * embedded list named nobody). Its id is derived from the customer and its place in the list, so
 * moving the same list over twice makes the same records.
 */
export function dealFromEmbedded(
  customer: Pick<Customer, 'id' | 'ownerId'>,
  embedded: EmbeddedDeal,
  position: number,
  at: string,
  actor: string,
): Deal {
  const digest = createHash('sha256').update(`${customer.id}#${position}`).digest('hex').slice(0, 8);
  const closed = embedded.status !== 'open';
  return {
    id: `D${embedded.date.replace(/-/g, '')}000000${digest}`,
    customerId: customer.id,
    title: embedded.product,
    amount: embedded.value,
    status: embedded.status,
    ...(closed ? { closedAt: embedded.date, closedBy: customer.ownerId } : {}),
    assistedBy: [],
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    version: 1,
    migratedFrom: position,
  };
}
