import { reportsTo } from '#app/people/index.ts';
import { directoryView, type EmployeeRecord } from '#domain/people/index.ts';
import type { Factor } from '#domain/risk/index.ts';
import { NotFoundError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { addDays } from '#kernel/time.ts';
import type { DealStore } from '#ports/customers/index.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';
import type { RiskAssessments } from './assessments.ts';

export interface ProfileDeps {
  assessments: RiskAssessments;
  employees: Pick<EmployeeStore, 'get' | 'getMany' | 'listByReferrer'>;
  departments: Pick<DepartmentStore, 'get'>;
  deals: Pick<DealStore, 'closedBy'>;
  /** Their released review results, oldest first (performance's; none where it is not wired). */
  releasedReviews?: (employeeId: string) => Promise<ReleasedReview[]>;
}

/** A released review result, as the profile shows it: the cycle and the score. */
export interface ReleasedReview {
  cycleId: string;
  name: { 'zh-CN': string; en: string };
  period: { start: string; end: string };
  score?: number | undefined;
}

type Directory = ReturnType<typeof directoryView>;

export interface Profile {
  /** What the reader may see: `directory` (a colleague), `own` (the person, without risk), `full`. */
  view: 'directory' | 'own' | 'full';
  directory: Directory;
  asOf?: string;
  position?: {
    title: string;
    department: { id: string; name: string; nameEn?: string };
    managerId?: string;
    hireDate: string;
    /** Whole years and the days beyond them, up to the day computed. */
    tenure: { years: number; days: number };
    keyPosition: boolean;
  };
  hire?: { channel: string; referrer?: Directory };
  referred?: { direct: Directory[]; inTeam: number };
  mentoring?: { mentors: string[]; mentees: string[] };
  customers?: {
    owned: { count: number; revenueMinor: number };
    known: { id: string; name: string; tier: 'key' | 'standard'; revenueMinor: number; owned: boolean }[];
    baseCurrency: string;
  };
  deals?: { wonAlone: number; wonAssisted: number; assistedOthers: number; windowDays: number };
  /** Released review scores, latest first (GET /v1/employees/{id}/scores has each with its receipts). */
  performance?: { reviews: ReleasedReview[] };
  risk?: { score: number; weightsVersion: number; factors: Factor[] };
}

/** Whole years since the hire date and the days since the last anniversary (29 February rolls to 1 March). */
const tenureOf = (hireDate: string, asOf: string) => {
  const [hy, hm, hd] = hireDate.split('-').map(Number) as [number, number, number];
  const ay = Number(asOf.slice(0, 4));
  const years = Math.max(0, ay - hy - (asOf.slice(5) < hireDate.slice(5) ? 1 : 0));
  const anniversary = Date.UTC(hy + years, hm - 1, hd);
  return {
    years,
    days: Math.max(0, Math.round((Date.parse(`${asOf}T00:00:00Z`) - anniversary) / 86_400_000)),
  };
};

/**
 * One view of a person: position and tenure, how they were hired and by whose referral, whom they
 * referred, mentoring both ways, the customers they own and know (with revenue), the deals they won
 * alone and with help — and their risk. HR and the managers above them see all of it; the person
 * their own without the risk; anyone else the directory entry only. Risk never leaves this view.
 */
export function makeProfiles({ assessments, employees, departments, deals, releasedReviews }: ProfileDeps) {
  const viewFor = async (actor: Principal, person: EmployeeRecord): Promise<Profile['view']> => {
    // Nobody sees their own risk, HR included.
    if (person.id === actor.employeeId) return 'own';
    if (actor.permissions.has('risk:read:all') || actor.permissions.has('employee:manage')) return 'full';
    if (actor.permissions.has('employee:read:team') && (await reportsTo(employees, person, actor.employeeId)))
      return 'full';
    return 'directory';
  };

  return async (actor: Principal, employeeId: string): Promise<Profile> => {
    const person = await employees.get(employeeId);
    if (!person) throw new NotFoundError(`Employee ${employeeId}`);
    const view = await viewFor(actor, person);
    const directory = directoryView(person);
    if (view === 'directory') return { view, directory };

    const asOf = assessments.dayOf(undefined);
    const [team, department, referred, mentoring, reviews] = await Promise.all([
      assessments.assess(person.departmentId, { asOf }),
      departments.get(person.departmentId),
      everyPage((page) => employees.listByReferrer(person.id, page)),
      assessments.mentoringOf(person.id, asOf),
      releasedReviews ? releasedReviews(person.id) : Promise.resolve([]),
    ]);
    const w = await assessments.weightsFor(team.weightsVersion);
    const referrer = person.referrerId
      ? (await employees.getMany([person.referrerId])).get(person.referrerId)
      : undefined;
    const from = addDays(asOf, -w.revenueWindowDays);
    const closed = await everyPage((page) => deals.closedBy(person.id, addDays(from, 1), asOf, page));
    const won = closed.filter((d) => d.status === 'won');
    const known = team.assessedCustomers.filter((c) =>
      c.knowers.some((k) => k.employeeId === person.id && k.knows),
    );
    const owned = team.assessedCustomers.filter((c) => c.ownerId === person.id);
    const risk = team.people.find((p) => p.employeeId === person.id);

    const profile: Profile = {
      view,
      directory,
      asOf,
      position: {
        title: person.position,
        department: {
          id: person.departmentId,
          name: department?.name ?? person.departmentId,
          ...(department?.nameEn ? { nameEn: department.nameEn } : {}),
        },
        ...(person.managerId ? { managerId: person.managerId } : {}),
        hireDate: person.hireDate,
        tenure: tenureOf(person.hireDate, asOf),
        keyPosition: person.keyPosition,
      },
      hire: { channel: person.hireChannel, ...(referrer ? { referrer: directoryView(referrer) } : {}) },
      referred: {
        direct: referred.map((e) => directoryView(e as EmployeeRecord)),
        inTeam: risk?.referred.length ?? 0,
      },
      mentoring: {
        mentors: mentoring.filter((m) => m.menteeId === person.id).map((m) => m.mentorId),
        mentees: mentoring.filter((m) => m.mentorId === person.id).map((m) => m.menteeId),
      },
      customers: {
        owned: { count: owned.length, revenueMinor: owned.reduce((sum, c) => sum + c.revenueMinor, 0) },
        known: known.map((c) => ({
          id: c.customerId,
          name: c.name,
          tier: c.tier,
          revenueMinor: c.revenueMinor,
          owned: c.ownerId === person.id,
        })),
        baseCurrency: w.baseCurrency,
      },
      deals: {
        wonAlone: won.filter((d) => d.assistedBy.length === 0).length,
        wonAssisted: won.filter((d) => d.assistedBy.length > 0).length,
        assistedOthers: risk?.assistedOthers ?? 0,
        windowDays: w.revenueWindowDays,
      },
      performance: { reviews: [...reviews].reverse() },
    };
    if (view === 'full' && risk)
      profile.risk = { score: risk.score, weightsVersion: team.weightsVersion, factors: risk.factors };
    return profile;
  };
}
