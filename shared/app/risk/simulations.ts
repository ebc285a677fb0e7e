import type { HeldPart } from '#app/offboarding/index.ts';
import type { CustomerAssessment, Knower } from '#domain/risk/index.ts';
import { InvalidInputError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { RiskAssessments } from './assessments.ts';

export interface OrphanedCustomer {
  customerId: string;
  name: string;
  tier: 'key' | 'standard';
  ownerId: string;
  revenueMinor: number;
  /** Who of those leaving knew it. */
  knownBy: string[];
  /** Whoever else worked on it, best degree first: the suggested successors. */
  nextBest: Pick<Knower, 'employeeId' | 'degree' | 'shareOfBest' | 'ownDeals' | 'ownInteractions'>[];
}

export interface Simulation {
  asOf: string;
  weightsVersion: number;
  baseCurrency: string;
  leaving: string[];
  /** Customers nobody staying would know: how many, their revenue, the key accounts among them. */
  orphaned: { customers: number; revenueMinor: number; keyAccounts: number; list: OrphanedCustomer[] };
  /** Customers someone staying still knows, though one of those leaving knew them too. */
  stillKnown: number;
  /** People who would lose their referrer, mentor or manager. */
  loseReferrer: { employeeId: string; referrerId: string }[];
  loseMentor: { employeeId: string; mentorId: string; mentorshipId: string }[];
  loseManager: { employeeId: string; managerId: string }[];
  /** Open handovers in which they approve (as the leaver's manager) or take something over. */
  handovers: HeldPart[];
  /** Per team of those leaving: its bus factor now and after. */
  teams: { departmentId: string; busFactorNow: number; revenueMinor: number; orphanedRevenueMinor: number }[];
}

const mostSimulated = 20;

export interface SimulationInput {
  leaving: readonly string[];
  asOf?: string | undefined;
  weightsVersion?: number | undefined;
}

/** Who would know a customer next best when `leaving` go: everyone else with a degree, best first. */
export const nextBestFor = (c: CustomerAssessment, leaving: ReadonlySet<string>) =>
  c.knowers
    .filter((k) => !leaving.has(k.employeeId) && k.degree > 0)
    .slice(0, 3)
    .map(({ employeeId, degree, shareOfBest, ownDeals, ownInteractions }) => ({
      employeeId,
      degree,
      shareOfBest,
      ownDeals,
      ownInteractions,
    }));

/**
 * What would be left without anyone who knows it if these people left (HR): from the teams they
 * belong to, the customers only they know (revenue, key accounts) with the people who know each next
 * best, who would lose a referrer, a mentor or a manager, and the open handovers in which they approve
 * or take something over. Read-only: it changes nothing.
 */
export function makeSimulations({
  assessments,
  employees,
  handoversHeldBy,
}: {
  assessments: RiskAssessments;
  employees: Pick<EmployeeStore, 'getMany' | 'listByReferrer' | 'listDirectReports'>;
  handoversHeldBy: (employeeIds: readonly string[]) => Promise<HeldPart[]>;
}) {
  const simulate = async (input: SimulationInput): Promise<Simulation> => {
    const leaving = [...new Set(input.leaving)];
    if (leaving.length > mostSimulated)
      throw new InvalidInputError(`At most ${mostSimulated} people at once.`, [
        { field: 'leaving', message: `More than ${mostSimulated}` },
      ]);
    const people = await employees.getMany(leaving);
    const unknown = leaving.findIndex((id) => !people.has(id));
    if (unknown >= 0)
      throw new InvalidInputError(
        `Employee ${leaving[unknown]} does not exist.`,
        [{ field: `leaving.${unknown}`, message: `Employee ${leaving[unknown]} does not exist` }],
        'reference_not_found',
      );
    const gone = new Set(leaving);
    const asOf = assessments.dayOf(input.asOf);
    const departments = [...new Set([...people.values()].map((p) => p.departmentId))].sort();
    const teams = await Promise.all(
      departments.map((d) => assessments.assess(d, { asOf, weightsVersion: input.weightsVersion })),
    );
    const orphaned: OrphanedCustomer[] = [];
    let stillKnown = 0;
    const summaries: Simulation['teams'] = [];
    for (const team of teams) {
      let lost = 0;
      for (const c of team.assessedCustomers) {
        const knownBy = c.knowers.filter((k) => k.knows && gone.has(k.employeeId)).map((k) => k.employeeId);
        if (knownBy.length === 0) continue;
        if (c.knowers.some((k) => k.knows && !gone.has(k.employeeId))) {
          stillKnown++;
          continue;
        }
        lost += c.revenueMinor;
        orphaned.push({
          customerId: c.customerId,
          name: c.name,
          tier: c.tier,
          ownerId: c.ownerId,
          revenueMinor: c.revenueMinor,
          knownBy,
          nextBest: nextBestFor(c, gone),
        });
      }
      summaries.push({
        departmentId: team.departmentId,
        busFactorNow: team.busFactor.value,
        revenueMinor: team.revenueMinor,
        orphanedRevenueMinor: lost,
      });
    }
    orphaned.sort(
      (a, b) =>
        (a.tier === b.tier ? 0 : a.tier === 'key' ? -1 : 1) ||
        b.revenueMinor - a.revenueMinor ||
        a.customerId.localeCompare(b.customerId),
    );
    const loseReferrer: Simulation['loseReferrer'] = [];
    const loseManager: Simulation['loseManager'] = [];
    const loseMentor: Simulation['loseMentor'] = [];
    for (const id of leaving) {
      for (const e of await everyPage((page) => employees.listByReferrer(id, page)))
        if (!gone.has(e.id) && e.status !== 'left') loseReferrer.push({ employeeId: e.id, referrerId: id });
      for (const e of await everyPage((page) => employees.listDirectReports(id, page)))
        if (!gone.has(e.id) && e.status !== 'left') loseManager.push({ employeeId: e.id, managerId: id });
      for (const m of await assessments.mentoringOf(id, asOf))
        if (m.mentorId === id && !gone.has(m.menteeId))
          loseMentor.push({ employeeId: m.menteeId, mentorId: id, mentorshipId: m.id });
    }
    const weightsVersion =
      teams[0]?.weightsVersion ?? (await assessments.weightsFor(input.weightsVersion)).version;
    return {
      asOf,
      weightsVersion,
      baseCurrency: teams[0]?.baseCurrency ?? 'CNY',
      leaving,
      orphaned: {
        customers: orphaned.length,
        revenueMinor: orphaned.reduce((sum, c) => sum + c.revenueMinor, 0),
        keyAccounts: orphaned.filter((c) => c.tier === 'key').length,
        list: orphaned,
      },
      stillKnown,
      loseReferrer,
      loseMentor,
      loseManager,
      handovers: await handoversHeldBy(leaving),
      teams: summaries,
    };
  };
  return {
    /** HR's simulation. */
    async simulate(actor: Principal, input: SimulationInput): Promise<Simulation> {
      requirePermission(actor, 'risk:read:all');
      return simulate(input);
    },
    /** The system's own, for HR's alert on a resignation. */
    unchecked: simulate,
  };
}

export type Simulations = ReturnType<typeof makeSimulations>;
