import { randomBytes } from 'node:crypto';
import { reportsTo } from '#app/people/index.ts';
import type { RiskSnapshot } from '#domain/risk/index.ts';
import {
  type Candidate,
  candidateLine,
  coverageOf,
  type KeyPosition,
  keyPositionId,
  type NewKeyPosition,
  nineBoxOf,
  type PlanItem,
  readinessOf,
  type SuccessionReport,
} from '#domain/succession/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { mapConcurrently } from '#kernel/concurrency.ts';
import { ConflictError, InvalidInputError, NotFoundError, StaleVersionError } from '#kernel/errors.ts';
import { everyPage, type PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { localDate } from '#kernel/time.ts';
import type { CustomerStore, InteractionStore } from '#ports/customers/index.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';
import type { SuccessionStore } from '#ports/succession/index.ts';
import type { SkillStore, TrainingStore } from '#ports/training/index.ts';

const statusOrder = { ready_now: 0, ready_in_months: 1, not_yet: 2 } as const;

/** Ready now first, then the fewest months, then by employee id. */
const readiestFirst = (
  a: { employeeId: string; readiness: { status: keyof typeof statusOrder; months?: number | undefined } },
  b: { employeeId: string; readiness: { status: keyof typeof statusOrder; months?: number | undefined } },
) =>
  statusOrder[a.readiness.status] - statusOrder[b.readiness.status] ||
  (a.readiness.months ?? 0) - (b.readiness.months ?? 0) ||
  a.employeeId.localeCompare(b.employeeId);

export interface SuccessionDeps {
  succession: SuccessionStore;
  employees: Pick<EmployeeStore, 'get' | 'getMany'>;
  departments: Pick<DepartmentStore, 'get' | 'list'>;
  /** A team's latest daily risk snapshot (risk), for the key positions the product suggests. */
  latestRisk: (departmentId: string) => Promise<RiskSnapshot | undefined>;
  skills: Pick<SkillStore, 'position' | 'record'>;
  trainings: Pick<TrainingStore, 'enrolmentsOf' | 'get'>;
  customers: Pick<CustomerStore, 'listByOwner'>;
  interactions: Pick<InteractionStore, 'all'>;
  /** Someone's released review results, oldest first (performance). */
  releasedScores: (employeeId: string) => Promise<{ cycleId: string; asOf: string; score: number }[]>;
  clock: Clock;
  timeZone: string;
}

/**
 * Key positions and their successors: HR flags a position and its incumbent, nominates candidates
 * and keeps their development plans; each candidate's readiness is computed on read from the
 * records — the position's required skills against their evidence, their released scores, the
 * programs they completed, the incumbent's key accounts they met together with her, time in role.
 */
export function makeSuccession(deps: SuccessionDeps) {
  const { succession, employees, clock } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);

  const keyPosition = async (actor: Principal, id: string) => {
    requirePermission(actor, 'succession:manage');
    const found = await succession.get(id);
    if (!found) throw new NotFoundError(`Key position ${id}`);
    return found;
  };

  const current = async (employeeId: string, field: string) => {
    const person = await employees.get(employeeId);
    if (!person || person.status === 'left')
      throw new InvalidInputError(
        'Not a current employee.',
        [{ field, message: `No current employee ${employeeId}` }],
        'reference_not_found',
      );
    return person;
  };

  /** The incumbent's key accounts, with the first day each candidate met each together with her. */
  const togetherWith = async (incumbentId: string) => {
    const accounts = (
      await everyPage((page) => deps.customers.listByOwner(incumbentId, { keyAccounts: true }, page), 200)
    ).filter((c) => c.tier === 'key');
    const first = new Map<string, Map<string, string>>();
    for (const account of accounts)
      for (const i of await deps.interactions.all(account.id)) {
        const people = [i.employeeId, ...i.participants];
        if (!people.includes(incumbentId)) continue;
        const day = localDate(new Date(i.at), deps.timeZone);
        for (const other of people.filter((p) => p !== incumbentId)) {
          const byAccount = first.get(other) ?? new Map<string, string>();
          if (!byAccount.has(account.id) || (byAccount.get(account.id) as string) > day)
            byAccount.set(account.id, day);
          first.set(other, byAccount);
        }
      }
    return {
      keyAccounts: accounts.length,
      of: (candidateId: string) =>
        [...(first.get(candidateId) ?? new Map<string, string>())].map(([customerId, firstTogether]) => ({
          customerId,
          firstTogether,
        })),
    };
  };

  /** Readiness, computed now, for each candidate of a key position. */
  const assess = async (kp: KeyPosition, candidates: readonly Candidate[]) => {
    const asOf = today();
    const [required, together, people] = await Promise.all([
      deps.skills.position(kp.position),
      togetherWith(kp.incumbentId),
      employees.getMany(candidates.map((c) => c.employeeId)),
    ]);
    return Promise.all(
      candidates.map(async (candidate) => {
        const [record, scores, enrolments] = await Promise.all([
          deps.skills.record(candidate.employeeId),
          deps.releasedScores(candidate.employeeId),
          everyPage((page) => deps.trainings.enrolmentsOf(candidate.employeeId, page), 100),
        ]);
        const readiness = readinessOf(kp.criteria, {
          asOf,
          requirements: required?.requirements ?? [],
          evidence: record?.evidence ?? [],
          scores,
          completedTrainings: enrolments
            .filter((e) => e.completed === true)
            .map((e) => ({ trainingId: e.trainingId, on: e.sessionEndsOn })),
          upcomingTrainings: enrolments
            .filter((e) => e.completed === undefined && e.sessionEndsOn >= asOf)
            .map((e) => ({ trainingId: e.trainingId, endsOn: e.sessionEndsOn })),
          sharedKeyAccounts: together.of(candidate.employeeId),
          inRoleSince: candidate.inRoleSince,
        });
        const person = people.get(candidate.employeeId);
        const latestScore = scores.at(-1)?.score;
        return {
          ...candidate,
          name: person?.name ?? candidate.employeeId,
          position: person?.position ?? '',
          readiness,
          latestScore,
          completedTrainings: [
            ...new Set(enrolments.filter((e) => e.completed === true).map((e) => e.trainingId)),
          ],
          nineBox: nineBoxOf(latestScore, candidate.potential?.rating),
        };
      }),
    );
  };

  /** A candidate's next version, read again and retried when someone else wrote in between. */
  const changeCandidate = async (
    kp: KeyPosition,
    employeeId: string,
    change: (before: Candidate) => Partial<Candidate>,
  ) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await succession.candidate(kp.id, employeeId);
      if (!before) throw new NotFoundError(`Candidate ${employeeId} for key position ${kp.id}`);
      const after: Candidate = { ...before, ...change(before), version: before.version + 1 };
      if (await succession.saveCandidate(after)) return after;
    }
    throw new StaleVersionError();
  };

  return {
    async flag(actor: Principal, input: NewKeyPosition): Promise<KeyPosition> {
      requirePermission(actor, 'succession:manage');
      await current(input.incumbentId, 'incumbentId');
      if (!(await deps.departments.get(input.departmentId)))
        throw new InvalidInputError(
          'No such department.',
          [{ field: 'departmentId', message: `No department ${input.departmentId}` }],
          'reference_not_found',
        );
      const now = clock.now();
      const kp: KeyPosition = {
        id: keyPositionId(now, randomBytes(4).toString('hex')),
        ...input,
        flaggedBy: actor.employeeId,
        flaggedAt: now.toISOString(),
      };
      if (!(await succession.create(kp))) throw new StaleVersionError();
      return kp;
    },

    async list(actor: Principal, page: PageRequest) {
      requirePermission(actor, 'succession:manage');
      return succession.list(page);
    },

    get: keyPosition,

    /** Someone into a key position's candidates; `created` false when they were one already. */
    async nominate(
      actor: Principal,
      id: string,
      input: { employeeId: string; inRoleSince?: string | undefined },
    ) {
      const kp = await keyPosition(actor, id);
      if (input.employeeId === kp.incumbentId)
        throw new ConflictError('candidate_is_incumbent', `${input.employeeId} holds ${kp.position}.`);
      const person = await current(input.employeeId, 'employeeId');
      const existing = await succession.candidate(kp.id, input.employeeId);
      if (existing) return { candidate: existing, created: false };
      if (input.inRoleSince && input.inRoleSince > today())
        throw new InvalidInputError('In role since a day that has been.', [
          { field: 'inRoleSince', message: `After today (${today()})` },
        ]);
      const candidate: Candidate = {
        keyPositionId: kp.id,
        employeeId: input.employeeId,
        inRoleSince: input.inRoleSince ?? person.hireDate,
        nominatedBy: actor.employeeId,
        nominatedAt: clock.now().toISOString(),
        plan: [],
        version: 1,
      };
      if (!(await succession.saveCandidate(candidate)))
        return {
          candidate: (await succession.candidate(kp.id, input.employeeId)) ?? candidate,
          created: false,
        };
      return { candidate, created: true };
    },

    /** The candidates with their readiness computed now, the readiest first. */
    async candidates(actor: Principal, id: string) {
      const kp = await keyPosition(actor, id);
      const assessed = await assess(kp, await succession.candidates(kp.id));
      return { keyPosition: kp, asOf: today(), candidates: assessed.sort(readiestFirst) };
    },

    /** A candidate's development plan, set as a whole: its steps with owner, due day and status. */
    async plan(
      actor: Principal,
      id: string,
      input: {
        employeeId: string;
        items: Omit<PlanItem, 'updatedBy' | 'updatedAt'>[];
      },
    ) {
      const kp = await keyPosition(actor, id);
      const owners = await employees.getMany(input.items.map((i) => i.ownerId));
      const issues = input.items.flatMap((item, n) =>
        owners.has(item.ownerId)
          ? []
          : [{ field: `items.${n}.ownerId`, message: `No employee ${item.ownerId}` }],
      );
      if (issues.length > 0)
        throw new InvalidInputError('Some owners are not employees.', issues, 'reference_not_found');
      const at = clock.now().toISOString();
      return changeCandidate(kp, input.employeeId, (before) => ({
        plan: input.items.map((item) => {
          const same = before.plan.find(
            (p) =>
              p.kind === item.kind &&
              p.description === item.description &&
              p.ownerId === item.ownerId &&
              p.due === item.due &&
              p.status === item.status,
          );
          return same ?? { ...item, updatedBy: actor.employeeId, updatedAt: at };
        }),
      }));
    },

    assess,

    /**
     * Key positions the product suggests: people whose team's latest risk snapshot raised an alert on
     * them (a risk score or a share of revenue nobody else knows above the thresholds) and who hold
     * no key position yet — where few or none could take over. Highest score first, each with its
     * snapshot day and the alerts behind it.
     */
    async suggestions(actor: Principal) {
      requirePermission(actor, 'succession:manage');
      const [departments, flagged] = await Promise.all([
        everyPage((page) => deps.departments.list(page), 100),
        everyPage((page) => succession.list(page), 100),
      ]);
      const holders = new Set(flagged.map((k) => k.incumbentId));
      let withoutSnapshot = 0;
      const found: {
        employeeId: string;
        departmentId: string;
        asOf: string;
        score: number;
        revenueAloneShare: number;
        keyAccountsAloneShare: number;
        alerts: { kind: 'alone_revenue' | 'score'; value: number; threshold: number }[];
      }[] = [];
      for (const department of departments) {
        const snapshot = await deps.latestRisk(department.id);
        if (!snapshot) {
          withoutSnapshot++;
          continue;
        }
        for (const person of snapshot.people) {
          if (holders.has(person.employeeId)) continue;
          const alerts = snapshot.alerts.flatMap((a) =>
            a.employeeId === person.employeeId && a.kind !== 'bus_factor'
              ? [{ kind: a.kind, value: a.value, threshold: a.threshold }]
              : [],
          );
          if (alerts.length > 0)
            found.push({
              employeeId: person.employeeId,
              departmentId: snapshot.departmentId,
              asOf: snapshot.asOf,
              score: person.score,
              revenueAloneShare: person.revenueAloneShare,
              keyAccountsAloneShare: person.keyAccountsAloneShare,
              alerts,
            });
        }
      }
      const people = await employees.getMany(found.map((f) => f.employeeId));
      return {
        asOf: today(),
        departmentsWithoutSnapshot: withoutSnapshot,
        suggestions: found
          .filter((f) => people.get(f.employeeId)?.status !== 'left')
          .sort((a, b) => b.score - a.score || a.employeeId.localeCompare(b.employeeId))
          .map((f) => ({
            ...f,
            name: people.get(f.employeeId)?.name ?? f.employeeId,
            position: people.get(f.employeeId)?.position ?? '',
          })),
      };
    },

    /** The potential someone's management chain (or HR) sees in a candidate, 1–3: the 9-box's other axis. */
    async ratePotential(actor: Principal, id: string, employeeId: string, rating: number) {
      const kp = await succession.get(id);
      const person = await employees.get(employeeId);
      const may =
        actor.permissions.has('succession:manage') ||
        (person !== undefined && (await reportsTo(employees, person, actor.employeeId)));
      if (!kp || !may) throw new NotFoundError(`Candidate ${employeeId} for key position ${id}`);
      return changeCandidate(kp, employeeId, () => ({
        potential: { rating, by: actor.employeeId, at: clock.now().toISOString() },
      }));
    },

    /**
     * The succession report, company-wide or for one key position: coverage, and per position its
     * candidates, readiest first, each with the seed's line, the unmet criteria's reasons and the 9-box.
     */
    async report(actor: Principal, only?: string): Promise<SuccessionReport> {
      requirePermission(actor, 'succession:manage');
      const positions = only
        ? [await keyPosition(actor, only)]
        : await everyPage((page) => succession.list(page), 100);
      const names = new Map<string, Promise<{ 'zh-CN': string; en: string }>>();
      const trainingName = (trainingId: string) => {
        let found = names.get(trainingId);
        if (!found) {
          found = deps.trainings
            .get(trainingId)
            .then((t) => t?.name ?? { 'zh-CN': trainingId, en: trainingId });
          names.set(trainingId, found);
        }
        return found;
      };
      const incumbents = await employees.getMany(positions.map((p) => p.incumbentId));
      // Eight positions at a time: each reads its candidates' records and the incumbent's key accounts.
      const rows: SuccessionReport['positions'] = await mapConcurrently(positions, 8, async (kp) => {
        const assessed = (await assess(kp, await succession.candidates(kp.id))).sort(readiestFirst);
        const candidates = await Promise.all(
          assessed.map(async (c) => {
            const row = {
              employeeId: c.employeeId,
              name: c.name,
              position: c.position,
              latestScore: c.latestScore,
              completedTrainings: await Promise.all(c.completedTrainings.map(trainingName)),
              potential: c.potential?.rating,
              readiness: c.readiness,
              nineBox: c.nineBox,
            };
            return { ...row, line: candidateLine(row) };
          }),
        );
        return {
          keyPositionId: kp.id,
          position: kp.position,
          departmentId: kp.departmentId,
          incumbent: {
            employeeId: kp.incumbentId,
            name: incumbents.get(kp.incumbentId)?.name ?? kp.incumbentId,
          },
          covered: coverageOf([{ candidates }]).covered === 1,
          candidates,
        };
      });
      return { asOf: today(), coverage: coverageOf(rows), positions: rows };
    },

    /**
     * The candidates for the key positions someone holds, readiest first: what a resignation tells HR
     * and what the handover offers as successors.
     */
    async offersFor(employeeId: string) {
      const offers: SuccessionOffer[] = [];
      for (const kp of await succession.heldBy(employeeId))
        for (const c of await assess(kp, await succession.candidates(kp.id)))
          offers.push({
            keyPositionId: kp.id,
            position: kp.position,
            employeeId: c.employeeId,
            name: c.name,
            status: c.readiness.status,
            label: c.readiness.label,
            ...(c.readiness.months !== undefined ? { months: c.readiness.months } : {}),
          });
      return offers.sort((a, b) => readiestFirst({ ...a, readiness: a }, { ...b, readiness: b }));
    },
  };
}

/** A candidate to succeed someone in a key position they hold, with their readiness now. */
export interface SuccessionOffer {
  keyPositionId: string;
  position: string;
  employeeId: string;
  name: string;
  status: 'ready_now' | 'ready_in_months' | 'not_yet';
  label: { 'zh-CN': string; en: string };
  months?: number;
}

export type Succession = ReturnType<typeof makeSuccession>;
