import { reportsTo } from '#app/people/index.ts';
import type { CustomerKnowledge } from '#domain/customers/index.ts';
import type { EmployeeRecord } from '#domain/people/index.ts';
import {
  assessTeam,
  type CustomerAssessment,
  type Mentorship,
  mentoringOn,
  type PersonRisk,
  type RiskWeights,
  type TeamPicture,
  type TeamRisk,
} from '#domain/risk/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { addDays, localDate } from '#kernel/time.ts';
import type { DealStore, KnowledgeStore } from '#ports/customers/index.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';
import type { TeamGraph } from '#ports/risk/index.ts';
import type { MentorshipStore } from '#ports/risk/mentorshipStore.ts';
import type { WeightsStore } from '#ports/risk/weightsStore.ts';

export interface RiskDeps {
  employees: Pick<
    EmployeeStore,
    'get' | 'getMany' | 'listByDepartment' | 'listByReferrer' | 'listDirectReports'
  >;
  departments: Pick<DepartmentStore, 'get'>;
  knowledge: Pick<KnowledgeStore, 'listByOwner'>;
  mentorships: Pick<MentorshipStore, 'list'>;
  deals: Pick<DealStore, 'list'>;
  weights: WeightsStore;
  graph: TeamGraph;
  clock: Clock;
  timeZone: string;
}

/** When and with which weights: today and the current version unless the caller names others. */
export interface AssessmentOptions {
  asOf?: string | undefined;
  weightsVersion?: number | undefined;
}

/**
 * Key-person risk, computed on read from the records: a team's picture is its members (one Query),
 * the customers each owns with who worked on them (one Query per member), who of the knowers is gone
 * (one BatchGet) and the mentorships (one Query); the rest is the pure assessment (assessment.ts).
 * HR reads every team and person; managers those in their reporting line, never their own score.
 */
export function makeRiskAssessments(deps: RiskDeps) {
  const { employees, departments, knowledge, mentorships, weights, graph, clock, timeZone } = deps;

  const weightsFor = async (version: number | undefined): Promise<RiskWeights> => {
    if (version === undefined) return weights.current();
    const found = await weights.get(version);
    if (!found)
      throw new InvalidInputError(`There is no version ${version} of the weights.`, [
        { field: 'weightsVersion', message: `No version ${version}` },
      ]);
    return found;
  };
  const dayOf = (asOf: string | undefined) => {
    const today = localDate(clock.now(), timeZone);
    if (asOf && asOf > today)
      throw new InvalidInputError('Risk is computed for a day that has come.', [
        { field: 'asOf', message: `After today (${today})` },
      ]);
    return asOf ?? today;
  };

  const pictureOf = async (departmentId: string): Promise<TeamPicture> => {
    const members = (await everyPage((page) => employees.listByDepartment(departmentId, page))).filter(
      (m) => m.status !== 'left',
    );
    const [owned, allMentorships] = await Promise.all([
      Promise.all(members.map((m) => knowledge.listByOwner(m.id))),
      everyPage((page) => mentorships.list(page)),
    ]);
    const customers: CustomerKnowledge[] = owned.flat();
    const memberIds = new Set(members.map((m) => m.id));
    const outsiders = new Set<string>();
    for (const k of customers) {
      for (const who of Object.keys(k.activity?.work ?? {})) if (!memberIds.has(who)) outsiders.add(who);
      if (k.firstOwnerId && !memberIds.has(k.firstOwnerId)) outsiders.add(k.firstOwnerId);
    }
    const others = await employees.getMany([...outsiders]);
    const gone = new Set([...outsiders].filter((id) => (others.get(id)?.status ?? 'left') === 'left'));
    return {
      departmentId,
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        ...(m.nameLatin ? { nameLatin: m.nameLatin } : {}),
        ...(m.referrerId ? { referrerId: m.referrerId } : {}),
      })),
      customers,
      gone,
      mentorships: allMentorships.filter((m: Mentorship) => memberIds.has(m.mentorId)),
    };
  };

  /** HR; or a manager who heads the department or is above its head. */
  const mayReadTeam = async (actor: Principal, departmentId: string) => {
    const department = await departments.get(departmentId);
    if (!department) throw new NotFoundError(`Department ${departmentId}`);
    if (actor.permissions.has('risk:read:all')) return;
    if (!actor.permissions.has('risk:read:team')) throw PermissionDeniedError.needs('risk:read:team');
    const head = department.headId ? await employees.get(department.headId) : undefined;
    const inLine =
      head !== undefined &&
      (head.id === actor.employeeId || (await reportsTo(employees, head, actor.employeeId)));
    if (!inLine) throw new PermissionDeniedError('Managers read the risk of the teams in their own line.');
  };

  const mayReadPerson = async (actor: Principal, person: EmployeeRecord) => {
    if (person.id === actor.employeeId)
      throw new PermissionDeniedError('Nobody reads their own risk score; HR and the managers above do.');
    if (actor.permissions.has('risk:read:all')) return;
    if (!actor.permissions.has('risk:read:team')) throw PermissionDeniedError.needs('risk:read:team');
    if (!(await reportsTo(employees, person, actor.employeeId)))
      throw new PermissionDeniedError('Managers read the risk of the people in their own line.');
  };

  /** A team's risk as the reader may see it: nobody sees their own row (a head reading their team, HR theirs). */
  const forReader = (actor: Principal, risk: TeamRisk): TeamRisk => ({
    ...risk,
    people: risk.people.filter((p) => p.employeeId !== actor.employeeId),
    alerts: risk.alerts.filter((a) => a.employeeId !== actor.employeeId),
  });

  const assess = async (departmentId: string, options: AssessmentOptions) => {
    const asOf = dayOf(options.asOf);
    const [picture, w] = await Promise.all([pictureOf(departmentId), weightsFor(options.weightsVersion)]);
    return assessTeam(picture, asOf, w);
  };

  return {
    /** For the daily snapshot and the resignation alert: no reader to check. */
    assess,
    mayReadTeam,
    pictureOf,
    weightsFor,
    dayOf,

    async department(
      actor: Principal,
      departmentId: string,
      options: AssessmentOptions = {},
    ): Promise<TeamRisk> {
      await mayReadTeam(actor, departmentId);
      return forReader(actor, await assess(departmentId, options));
    },

    /** The team as an SVG picture (graph.ts), for those who may read its risk. */
    async graph(actor: Principal, departmentId: string, options: AssessmentOptions = {}): Promise<string> {
      await mayReadTeam(actor, departmentId);
      const asOf = dayOf(options.asOf);
      const [picture, w, department] = await Promise.all([
        pictureOf(departmentId),
        weightsFor(options.weightsVersion),
        departments.get(departmentId),
      ]);
      const risk = forReader(actor, assessTeam(picture, asOf, w));
      const title = department?.nameEn
        ? `${department.name} ${department.nameEn}`
        : (department?.name ?? departmentId);
      return graph(risk, picture, { scoreAlert: w.alerts.scoreAtLeast, title });
    },

    async employee(
      actor: Principal,
      employeeId: string,
      options: AssessmentOptions = {},
    ): Promise<{
      risk: PersonRisk;
      team: Omit<TeamRisk, 'people' | 'assessedCustomers'>;
      customers: CustomerAssessment[];
    }> {
      const person = await employees.get(employeeId);
      if (!person) throw new NotFoundError(`Employee ${employeeId}`);
      await mayReadPerson(actor, person);
      const team = await assess(person.departmentId, options);
      const risk = team.people.find((p) => p.employeeId === employeeId);
      if (!risk) throw new NotFoundError(`Employee ${employeeId} in department ${person.departmentId}`);
      const { people: _p, assessedCustomers, ...rest } = team;
      // The won deals of the revenue window behind the revenue only they know (one Query per customer).
      const w = await weightsFor(team.weightsVersion);
      const from = addDays(team.asOf, -w.revenueWindowDays);
      const alone = risk.factors.find((f) => f.key === 'revenueAlone')?.records.customers ?? [];
      const deals = (await Promise.all(alone.map((c) => everyPage((page) => deps.deals.list(c.id, page)))))
        .flat()
        .filter(
          (d) =>
            d.status === 'won' && d.closedAt !== undefined && d.closedAt > from && d.closedAt <= team.asOf,
        )
        .map((d) => ({
          id: d.id,
          customerId: d.customerId,
          closedAt: d.closedAt as string,
          closedBy: d.closedBy as string,
          assistedBy: d.assistedBy,
          amount: d.amount,
        }));
      const factors = risk.factors.map((f) =>
        f.key === 'revenueAlone' ? { ...f, records: { ...f.records, deals } } : f,
      );
      return {
        risk: { ...risk, factors },
        team: rest,
        // The customers they know or worked on, with everyone's degree: the records behind the factors.
        customers: assessedCustomers.filter((c) => c.knowers.some((k) => k.employeeId === employeeId)),
      };
    },

    /** Mentoring a person gives and receives, as of a day (for the profile and the simulation). */
    mentoringOf: async (employeeId: string, asOf: string) =>
      (await everyPage((page) => mentorships.list(page))).filter(
        (m) => (m.mentorId === employeeId || m.menteeId === employeeId) && mentoringOn(m, asOf),
      ),
  };
}

export type RiskAssessments = ReturnType<typeof makeRiskAssessments>;
