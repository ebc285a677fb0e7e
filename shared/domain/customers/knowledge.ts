import { localDate } from '#kernel/time.ts';
import type { Customer, Tier } from './customer.ts';
import type { Deal } from './deal.ts';
import type { Interaction } from './interaction.ts';

/** What one person did on a customer on one day: deals won, deals lost, deals assisted, interactions. */
export type DayWork = [won: number, lost: number, assisted: number, interactions: number];

/**
 * The record of who worked on a customer, by day: the inputs of everyone's knowledge degree and of the
 * customer's revenue, kept by day so that any past date can be computed again. Days are calendar dates
 * (YYYY-MM-DD): a deal's closing day, an interaction's day in the company's time zone.
 */
export interface KnowledgeActivity {
  /** Won revenue by day and currency (minor units). */
  won: Record<string, Record<string, number>>;
  /** Each person's work by day. */
  work: Record<string, Record<string, DayWork>>;
  /** Won deals closed by someone (first key) with someone's help (second key), by day. */
  assists: Record<string, Record<string, Record<string, number>>>;
  /** Open deals' amounts, summed (the handover shows it). */
  openMinor: number;
}

/**
 * Who knows a customer, as one item beside it, written in the same transaction as every deal and
 * interaction of the customer (and kept in step with its owner, name, tier and deletion):
 *   pk = CUST#<customerId>   sk = KNOWLEDGE   gsi1pk = KNOWOWNER#<ownerId>  gsi1sk = <customerId>
 * Access patterns: one customer's (GetItem, BatchGetItem); the customers an owner holds (Query gsi1),
 * so a team's picture is one Query per member and never one per customer. Deleted customers leave gsi1.
 */
export interface CustomerKnowledge {
  customerId: string;
  name: string;
  tier: Tier;
  ownerId: string;
  /** Whoever owned it first (version 1 of its history); undefined only for records of before. */
  firstOwnerId?: string;
  deleted: boolean;
  /** Undefined while a customer of before has not been built yet (the next write builds it). */
  activity?: KnowledgeActivity;
  version: number;
}

export const knowledgeKeys = {
  item: (customerId: string) => ({ pk: `CUST#${customerId}`, sk: 'KNOWLEDGE' }),
  byOwner: (ownerId: string) => `KNOWOWNER#${ownerId}`,
};

export const emptyActivity = (): KnowledgeActivity => ({ won: {}, work: {}, assists: {}, openMinor: 0 });

const bump = (record: Record<string, number>, key: string, by: number) => {
  const value = (record[key] ?? 0) + by;
  if (value === 0) delete record[key];
  else record[key] = value;
};

function addWork(activity: KnowledgeActivity, who: string, day: string, slot: number, by: number) {
  const days = activity.work[who] ?? {};
  const work: DayWork = days[day] ?? [0, 0, 0, 0];
  work[slot] = (work[slot] ?? 0) + by;
  if (work.every((n) => n === 0)) delete days[day];
  else days[day] = work;
  if (Object.keys(days).length === 0) delete activity.work[who];
  else activity.work[who] = days;
}

/** What a deal adds to the record (by = 1), or takes back from it (by = −1). */
function applyDeal(activity: KnowledgeActivity, deal: Deal, by: 1 | -1) {
  if (deal.status === 'open') {
    activity.openMinor += by * deal.amount.amountMinor;
    return;
  }
  if (!deal.closedAt || !deal.closedBy) return;
  const day = deal.closedAt;
  addWork(activity, deal.closedBy, day, deal.status === 'won' ? 0 : 1, by);
  for (const assistant of deal.assistedBy) addWork(activity, assistant, day, 2, by);
  if (deal.status !== 'won') return;
  const won = activity.won[day] ?? {};
  bump(won, deal.amount.currency, by * deal.amount.amountMinor);
  if (Object.keys(won).length === 0) delete activity.won[day];
  else activity.won[day] = won;
  const helpers = activity.assists[deal.closedBy] ?? {};
  for (const assistant of deal.assistedBy) {
    const days = helpers[assistant] ?? {};
    bump(days, day, by);
    if (Object.keys(days).length === 0) delete helpers[assistant];
    else helpers[assistant] = days;
  }
  if (Object.keys(helpers).length === 0) delete activity.assists[deal.closedBy];
  else activity.assists[deal.closedBy] = helpers;
}

/** The record after a deal was created (before undefined), changed, or moved away (after undefined). */
export function withDeal(
  activity: KnowledgeActivity,
  before: Deal | undefined,
  after: Deal | undefined,
): KnowledgeActivity {
  const next = copyOf(activity);
  if (before) applyDeal(next, before, -1);
  if (after) applyDeal(next, after, 1);
  return next;
}

/** The record after an interaction on `day` by these people (the one who followed up and those with them). */
export function withInteraction(
  activity: KnowledgeActivity,
  people: readonly string[],
  day: string,
): KnowledgeActivity {
  const next = copyOf(activity);
  for (const who of new Set(people)) addWork(next, who, day, 3, 1);
  return next;
}

/** A deep copy (the record is plain JSON). */
const copyOf = (activity: KnowledgeActivity): KnowledgeActivity => JSON.parse(JSON.stringify(activity));

/** The day an interaction counts on: its calendar date where the company is. */
export const interactionDay = (at: string, timeZone: string) => localDate(new Date(at), timeZone);

/** The people an interaction makes know the customer: the one who followed up and those with them. */
export const interactionPeople = (i: Pick<Interaction, 'employeeId' | 'participants'>) => [
  i.employeeId,
  ...i.participants,
];

/** The record built afresh from every deal and interaction of a customer. */
export function activityOf(
  deals: readonly Deal[],
  interactions: readonly Pick<Interaction, 'employeeId' | 'participants' | 'at'>[],
  timeZone: string,
): KnowledgeActivity {
  // Built in place: one record, however many deals and interactions.
  const activity = emptyActivity();
  for (const deal of deals) applyDeal(activity, deal, 1);
  for (const i of interactions)
    for (const who of new Set(interactionPeople(i)))
      addWork(activity, who, interactionDay(i.at, timeZone), 3, 1);
  return activity;
}

/** The first record of a new customer: its first owner, nothing done yet (or what its first deals did). */
export const firstKnowledge = (customer: Customer, activity = emptyActivity()): CustomerKnowledge => ({
  customerId: customer.id,
  name: customer.name,
  tier: customer.tier,
  ownerId: customer.ownerId,
  firstOwnerId: customer.ownerId,
  deleted: false,
  activity,
  version: 1,
});
