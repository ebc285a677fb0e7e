import type { CustomerKnowledge, DayWork, KnowledgeActivity } from '#domain/customers/index.ts';
import { addDays } from '#kernel/time.ts';
import type { Mentorship } from './mentorship.ts';
import type { RiskWeights } from './weights.ts';

/** One person's knowledge of one customer, with the inputs of the degree. */
export interface Knower {
  employeeId: string;
  /** Whoever owned the customer first. */
  firstOwner: boolean;
  /** Their deals (closed or assisted) and interactions in the window, and everyone else's. */
  ownDeals: number;
  ownInteractions: number;
  othersWork: number;
  degree: number;
  /** Degree over the best degree on this customer. */
  shareOfBest: number;
  knows: boolean;
}

export interface CustomerAssessment {
  customerId: string;
  name: string;
  tier: 'key' | 'standard';
  ownerId: string;
  /** Won in the revenue window, in minor units of the base currency. */
  revenueMinor: number;
  /** Everyone with a degree (who has left excluded), best first. */
  knowers: Knower[];
}

const inWindow = (day: string, from: string, to: string) => day > from && day <= to;

/** Revenue won on a customer from the day after `from` to `to`, in minor units of the base currency. */
export function revenueOf(activity: KnowledgeActivity, from: string, to: string, w: RiskWeights): number {
  let total = 0;
  for (const day in activity.won)
    if (day > from && day <= to) {
      const byCurrency = activity.won[day] as Record<string, number>;
      for (const currency in byCurrency)
        total += (byCurrency[currency] as number) * (w.rates[currency as keyof RiskWeights['rates']] ?? 0);
    }
  return Math.round(total);
}

/**
 * Who knows a customer as of a day: for each person who owned it first or worked on it in the window,
 * the degree base + firstOwner·FA + ownWork·DL − othersWork·ln(1 + AC), where DL is their deals
 * (weighted) and interactions and AC everyone else's. They know it when the degree is at least the
 * base and at least the configured share of the best one. People who are gone (`present` false) are
 * left out: their work no longer makes anyone know it, but it still counted against the others'.
 */
export function assessCustomer(
  k: CustomerKnowledge,
  asOf: string,
  w: RiskWeights,
  present: (employeeId: string) => boolean,
): CustomerAssessment {
  const activity = k.activity ?? { won: {}, work: {}, assists: {}, openMinor: 0 };
  const from = addDays(asOf, -w.degree.windowDays);
  const work = new Map<string, { deals: number; interactions: number }>();
  for (const who in activity.work) {
    const days = activity.work[who] as Record<string, DayWork>;
    let deals = 0;
    let interactions = 0;
    for (const day in days)
      if (day > from && day <= asOf) {
        const [won, lost, assisted, met] = days[day] as DayWork;
        deals += won + lost + assisted;
        interactions += met;
      }
    if (deals + interactions > 0) work.set(who, { deals, interactions });
  }
  const units = (x: { deals: number; interactions: number }) => x.deals * w.degree.dealWork + x.interactions;
  const allWork = [...work.values()].reduce((sum, x) => sum + units(x), 0);
  const candidates = new Set([...work.keys(), ...(k.firstOwnerId ? [k.firstOwnerId] : [])]);
  const knowers: Knower[] = [...candidates].filter(present).map((employeeId) => {
    const own = work.get(employeeId) ?? { deals: 0, interactions: 0 };
    const firstOwner = k.firstOwnerId === employeeId;
    const othersWork = allWork - units(own);
    const degree =
      w.degree.base +
      (firstOwner ? w.degree.firstOwner : 0) +
      w.degree.ownWork * units(own) -
      w.degree.othersWork * Math.log(1 + othersWork);
    return {
      employeeId,
      firstOwner,
      ownDeals: own.deals,
      ownInteractions: own.interactions,
      othersWork,
      degree: round(degree, 4),
      shareOfBest: 0,
      knows: false,
    };
  });
  const best = Math.max(0, ...knowers.map((x) => x.degree));
  for (const x of knowers) {
    x.shareOfBest = best > 0 ? round(Math.max(0, x.degree) / best, 4) : 0;
    x.knows = x.degree >= w.degree.base && x.shareOfBest >= w.degree.knowsAtShareOfBest;
  }
  knowers.sort((a, b) => b.degree - a.degree || a.employeeId.localeCompare(b.employeeId));
  return {
    customerId: k.customerId,
    name: k.name,
    tier: k.tier,
    ownerId: k.ownerId,
    revenueMinor: revenueOf(activity, addDays(asOf, -w.revenueWindowDays), asOf, w),
    knowers,
  };
}

export const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

/** What the bus factor is computed from: each customer's revenue and the people who know it. */
export interface Coverage {
  revenue: number;
  knowers: readonly string[];
}

export interface BusFactor {
  /** The fewest people whose departure leaves more than half of the revenue with nobody who knows it. */
  value: number;
  /** Those people (one such set). */
  people: string[];
  /** The revenue nobody would know then (minor units, base currency), and the total. */
  orphanedMinor: number;
  totalMinor: number;
  /** `exact` when the search finished; `greedy` (an upper bound) when the team was too large for it. */
  method: 'exact' | 'greedy';
}

/** Nodes the exact search visits before it settles for the greedy answer. */
const searchBudget = 200_000;

/**
 * The revenue bus factor, the truck factor of software carried over to customers and weighted by
 * revenue: the fewest people whose departure leaves more than half of the revenue with nobody else
 * who knows it. A customer nobody knows counts as lost already (so the factor may be 0). Exact by
 * a branch-and-bound search over the people who know something; past the budget, the greedy answer
 * (each step removes whoever orphans the most revenue), which is never below the exact one.
 */
export function busFactor(coverage: readonly Coverage[]): BusFactor {
  const total = coverage.reduce((sum, c) => sum + c.revenue, 0);
  const weighed = coverage.filter((c) => c.revenue > 0);
  const half = total / 2;
  // Who knows which customer, and how many of its knowers are still there: adding or taking back a
  // person touches only their own customers.
  const byPerson = new Map<string, number[]>();
  const remaining = weighed.map((c, i) => {
    const knowers = [...new Set(c.knowers)];
    for (const k of knowers) byPerson.set(k, [...(byPerson.get(k) ?? []), i]);
    return knowers.length;
  });
  let orphaned = weighed.reduce((sum, c, i) => (remaining[i] === 0 ? sum + c.revenue : sum), 0);
  const leave = (p: string) => {
    for (const i of byPerson.get(p) ?? [])
      if (--(remaining[i] as number) === 0) orphaned += (weighed[i] as Coverage).revenue;
  };
  const stay = (p: string) => {
    for (const i of byPerson.get(p) ?? [])
      if ((remaining[i] as number)++ === 0) orphaned -= (weighed[i] as Coverage).revenue;
  };
  /** What p's leaving would add to the orphaned revenue now. */
  const gain = (p: string) =>
    (byPerson.get(p) ?? []).reduce(
      (sum, i) => (remaining[i] === 1 ? sum + (weighed[i] as Coverage).revenue : sum),
      0,
    );
  const result = (people: string[], method: BusFactor['method']): BusFactor => {
    for (const p of people) leave(p);
    const lost = orphaned;
    for (const p of people) stay(p);
    return {
      value: people.length,
      people: [...people].sort(),
      orphanedMinor: lost,
      totalMinor: total,
      method,
    };
  };
  if (total === 0 || orphaned > half) return result([], 'exact');

  const known = new Map<string, number>();
  for (const [p, list] of byPerson)
    known.set(
      p,
      list.reduce((sum, i) => sum + (weighed[i] as Coverage).revenue, 0),
    );
  const people = [...known.keys()].sort(
    (a, b) => (known.get(b) ?? 0) - (known.get(a) ?? 0) || a.localeCompare(b),
  );

  // Greedy: an answer (an upper bound) to start from; each step removes whoever orphans the most.
  const greedy: string[] = [];
  while (orphaned <= half && greedy.length < people.length) {
    let pick = '';
    let pickGain = -1;
    for (const p of people) {
      if (greedy.includes(p)) continue;
      const g = gain(p);
      if (g > pickGain) [pick, pickGain] = [p, g];
    }
    leave(pick);
    greedy.push(pick);
  }
  for (const p of greedy) stay(p);

  // Exact: is there a smaller set? Iterative deepening with a bound from the most any k more could add.
  let visited = 0;
  const chosen: string[] = [];
  const search = (size: number, start: number): boolean => {
    if (++visited > searchBudget) throw new BudgetSpent();
    if (orphaned > half) return true;
    const left = size - chosen.length;
    if (left === 0) return false;
    // Adding `left` more people orphans at most the revenue they know between them.
    let bound = orphaned;
    for (let i = start, n = 0; i < people.length && n < left; i++, n++)
      bound += known.get(people[i] as string) ?? 0;
    if (bound <= half) return false;
    for (let i = start; i < people.length; i++) {
      const p = people[i] as string;
      leave(p);
      chosen.push(p);
      const found = search(size, i + 1);
      stay(p);
      if (found) return true;
      chosen.pop();
    }
    return false;
  };
  try {
    for (let size = 1; size < greedy.length; size++) {
      // (a search that finds a set has put everyone back on its way up; `chosen` is the set)
      if (search(size, 0)) return result([...chosen], 'exact');
    }
    return result(greedy, 'exact');
  } catch (error) {
    if (error instanceof BudgetSpent) {
      for (const p of chosen) stay(p);
      return result(greedy, 'greedy');
    }
    throw error;
  }
}

class BudgetSpent extends Error {}

/** Active on a day: started by then and not ended before it. */
export const mentoringOn = (m: Pick<Mentorship, 'since' | 'until'>, day: string) =>
  m.since <= day && (m.until === undefined || m.until > day);

/** A member of the team as the assessment needs them. */
export interface Member {
  id: string;
  name: string;
  nameLatin?: string;
  referrerId?: string;
}

/** Everything a team's risk is computed from: read once, computed without further reads. */
export interface TeamPicture {
  departmentId: string;
  members: readonly Member[];
  /** The live customers the members own, with who worked on them. */
  customers: readonly CustomerKnowledge[];
  /** People (members or not) who are gone: their knowledge no longer counts. */
  gone: ReadonlySet<string>;
  /** Mentorships whose mentor is a member. */
  mentorships: readonly Mentorship[];
}

export interface FactorRecords {
  customers?: { id: string; name: string; tier: 'key' | 'standard'; revenueMinor: number }[];
  /** The won deals behind the revenue (in the person's own view). */
  deals?: {
    id: string;
    customerId: string;
    closedAt: string;
    closedBy: string;
    assistedBy: string[];
    amount: { amountMinor: number; currency: string };
  }[];
  employees?: string[];
  mentorships?: string[];
}

export interface Factor {
  key: keyof RiskWeights['factors'];
  weight: number;
  /** 0–1. */
  value: number;
  /** weight × value × 100: what it adds to the score. */
  points: number;
  explanation: string;
  records: FactorRecords;
}

export interface PersonRisk {
  employeeId: string;
  name: string;
  nameLatin?: string;
  /** 0–100: the factors' points, summed and rounded. */
  score: number;
  factors: Factor[];
  /** Share of the team's revenue only they know, and of its key accounts. */
  revenueAloneShare: number;
  keyAccountsAloneShare: number;
  /** Their share of the team's knowledge, revenue-weighted (every degree counts, not only "knows"). */
  knowledgeShare: number;
  /** Members in their referral subtree, and as a share of the rest of the team. */
  referred: string[];
  referralShare: number;
  /** Members most of whose won deals they helped close. */
  dependents: string[];
  /** Won deals of others they helped close, in the revenue window. */
  assistedOthers: number;
  /** Active mentees. */
  mentees: string[];
}

export interface TeamRisk {
  departmentId: string;
  asOf: string;
  weightsVersion: number;
  baseCurrency: string;
  members: number;
  customers: number;
  keyAccounts: number;
  revenueMinor: number;
  busFactor: BusFactor;
  /** Whoever holds the largest share of the team's knowledge. */
  topConcentration: { employeeId: string; share: number } | null;
  /** Key persons first: by score, then name. */
  people: PersonRisk[];
  assessedCustomers: CustomerAssessment[];
  alerts: {
    kind: 'bus_factor' | 'alone_revenue' | 'score';
    employeeId?: string;
    value: number;
    threshold: number;
  }[];
}

const share = (part: number, whole: number) => (whole > 0 ? round(part / whole) : 0);

/**
 * A team's risk as of a day, from its picture and a version of the weights: the revenue bus factor,
 * and for each member the share of revenue and of key accounts only they know, their referral subtree
 * in the team, whom most of their won deals depended on, mentoring load — each a factor of a score of
 * 0–100 with its weight, value and the records behind it. Pure: the same picture, day and weights
 * always give the same answer.
 */
export function assessTeam(picture: TeamPicture, asOf: string, w: RiskWeights): TeamRisk {
  const present = (id: string) => !picture.gone.has(id);
  const assessed = picture.customers.map((k) => assessCustomer(k, asOf, w, present));
  const revenue = assessed.reduce((sum, c) => sum + c.revenueMinor, 0);
  const keyAccounts = assessed.filter((c) => c.tier === 'key');
  const knowersOf = (c: CustomerAssessment) => c.knowers.filter((k) => k.knows).map((k) => k.employeeId);
  const factor = busFactor(assessed.map((c) => ({ revenue: c.revenueMinor, knowers: knowersOf(c) })));
  const others = Math.max(1, picture.members.length - 1);
  const memberIds = new Set(picture.members.map((m) => m.id));

  // Referral subtrees within the team.
  const children = new Map<string, string[]>();
  for (const m of picture.members)
    if (m.referrerId) children.set(m.referrerId, [...(children.get(m.referrerId) ?? []), m.id]);
  const subtree = (id: string) => {
    const found: string[] = [];
    const queue = [...(children.get(id) ?? [])];
    const seen = new Set([id]);
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      if (memberIds.has(next)) found.push(next);
      queue.push(...(children.get(next) ?? []));
    }
    return found.sort();
  };

  // Whom each member's won deals (in the revenue window) depended on.
  const from = addDays(asOf, -w.revenueWindowDays);
  const wonBy = new Map<string, number>();
  const helpedBy = new Map<string, Map<string, number>>();
  for (const k of picture.customers) {
    const activity = k.activity;
    if (!activity) continue;
    for (const [who, days] of Object.entries(activity.work))
      for (const [day, [won]] of Object.entries(days))
        if (inWindow(day, from, asOf)) wonBy.set(who, (wonBy.get(who) ?? 0) + won);
    for (const [closer, helpers] of Object.entries(activity.assists))
      for (const [helper, days] of Object.entries(helpers))
        for (const [day, n] of Object.entries(days))
          if (inWindow(day, from, asOf)) {
            const of = helpedBy.get(closer) ?? new Map<string, number>();
            of.set(helper, (of.get(helper) ?? 0) + n);
            helpedBy.set(closer, of);
          }
  }
  const assistedBy = new Map<string, number>();
  for (const helpers of helpedBy.values())
    for (const [helper, n] of helpers) assistedBy.set(helper, (assistedBy.get(helper) ?? 0) + n);
  const dependsOn = new Map<string, string>();
  for (const m of picture.members) {
    const won = wonBy.get(m.id) ?? 0;
    if (won === 0) continue;
    const [helper, n] = [...(helpedBy.get(m.id) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0] ?? ['', 0];
    if (helper && n / won > w.assistedShare) dependsOn.set(m.id, helper);
  }

  // Per customer once: who knows it, and everyone's share of its knowledge.
  const aloneBy = new Map<string, CustomerAssessment[]>();
  const knowledgeBy = new Map<string, number>();
  for (const c of assessed) {
    const knowers = knowersOf(c);
    if (knowers.length === 1) {
      const only = knowers[0] as string;
      aloneBy.set(only, [...(aloneBy.get(only) ?? []), c]);
    }
    const total = c.knowers.reduce((sum, k) => sum + Math.max(0, k.degree), 0);
    if (total > 0)
      for (const k of c.knowers)
        knowledgeBy.set(
          k.employeeId,
          (knowledgeBy.get(k.employeeId) ?? 0) + (c.revenueMinor * Math.max(0, k.degree)) / total,
        );
  }

  const people: PersonRisk[] = picture.members.map((m) => {
    const alone = aloneBy.get(m.id) ?? [];
    const aloneRevenue = alone.reduce((sum, c) => sum + c.revenueMinor, 0);
    const aloneKey = alone.filter((c) => c.tier === 'key');
    const knowledge = knowledgeBy.get(m.id) ?? 0;
    const referred = subtree(m.id);
    const dependents = [...dependsOn].filter(([, helper]) => helper === m.id).map(([member]) => member);
    const mentoring = picture.mentorships.filter((x) => x.mentorId === m.id && mentoringOn(x, asOf));
    const records = (list: CustomerAssessment[]) =>
      list.map((c) => ({ id: c.customerId, name: c.name, tier: c.tier, revenueMinor: c.revenueMinor }));
    const values: Record<Factor['key'], [number, string, FactorRecords]> = {
      revenueAlone: [
        share(aloneRevenue, revenue),
        `Alone knows ${alone.length} customer(s) with ${(share(aloneRevenue, revenue) * 100).toFixed(1)}% of the team's revenue of the last ${w.revenueWindowDays} days`,
        { customers: records(alone) },
      ],
      keyAccountsAlone: [
        share(aloneKey.length, keyAccounts.length),
        `Alone knows ${aloneKey.length} of the team's ${keyAccounts.length} key account(s)`,
        { customers: records(aloneKey) },
      ],
      referrals: [
        share(referred.length, others),
        `Referred ${referred.length} of the other ${others} member(s), directly or through those they referred`,
        { employees: referred },
      ],
      assistance: [
        share(dependents.length, others),
        `Helped close most of the won deals of ${dependents.length} member(s)`,
        { employees: dependents },
      ],
      mentoring: [
        Math.min(1, round(mentoring.length / w.menteesForFullLoad)),
        `Mentors ${mentoring.length} (full load at ${w.menteesForFullLoad})`,
        { employees: mentoring.map((x) => x.menteeId), mentorships: mentoring.map((x) => x.id) },
      ],
    };
    const factors = (Object.keys(w.factors) as Factor['key'][]).map((key): Factor => {
      const [value, explanation, factorRecords] = values[key];
      const weight = w.factors[key];
      return {
        key,
        weight,
        value,
        points: round(weight * value * 100, 2),
        explanation,
        records: factorRecords,
      };
    });
    return {
      employeeId: m.id,
      name: m.name,
      ...(m.nameLatin ? { nameLatin: m.nameLatin } : {}),
      score: Math.min(100, Math.round(factors.reduce((sum, f) => sum + f.points, 0))),
      factors,
      revenueAloneShare: share(aloneRevenue, revenue),
      keyAccountsAloneShare: share(aloneKey.length, keyAccounts.length),
      knowledgeShare: share(knowledge, revenue),
      referred,
      referralShare: share(referred.length, others),
      dependents,
      assistedOthers: assistedBy.get(m.id) ?? 0,
      mentees: mentoring.map((x) => x.menteeId),
    };
  });
  people.sort((a, b) => b.score - a.score || a.employeeId.localeCompare(b.employeeId));
  const top = [...people].sort(
    (a, b) => b.knowledgeShare - a.knowledgeShare || a.employeeId.localeCompare(b.employeeId),
  )[0];

  const alerts: TeamRisk['alerts'] = [];
  if (revenue > 0 && factor.value <= w.alerts.busFactorAtMost)
    alerts.push({ kind: 'bus_factor', value: factor.value, threshold: w.alerts.busFactorAtMost });
  for (const p of people) {
    if (p.revenueAloneShare > w.alerts.aloneRevenueShareAbove)
      alerts.push({
        kind: 'alone_revenue',
        employeeId: p.employeeId,
        value: p.revenueAloneShare,
        threshold: w.alerts.aloneRevenueShareAbove,
      });
    if (p.score >= w.alerts.scoreAtLeast)
      alerts.push({
        kind: 'score',
        employeeId: p.employeeId,
        value: p.score,
        threshold: w.alerts.scoreAtLeast,
      });
  }
  return {
    departmentId: picture.departmentId,
    asOf,
    weightsVersion: w.version,
    baseCurrency: w.baseCurrency,
    members: picture.members.length,
    customers: assessed.length,
    keyAccounts: keyAccounts.length,
    revenueMinor: revenue,
    busFactor: factor,
    topConcentration:
      top && top.knowledgeShare > 0 ? { employeeId: top.employeeId, share: top.knowledgeShare } : null,
    people,
    assessedCustomers: assessed,
    alerts,
  };
}
