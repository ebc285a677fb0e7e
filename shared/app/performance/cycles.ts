import { randomBytes } from 'node:crypto';
import type { NoticeAudience, Recipient } from '#domain/communication/index.ts';
import {
  type Kpi,
  minimumPeers,
  type NewRatings,
  type NewReviewCycle,
  type Participant,
  peersPerReview,
  type Rating,
  type Relation,
  type ReviewCycle,
  type ReviewTemplate,
  relationOf,
  reviewComputationRequested,
  reviewCycleId,
  reviewCycleReleased,
  templateApplies,
} from '#domain/performance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { ConflictError, InvalidInputError, NotFoundError, StaleVersionError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { addDays, startOfDay } from '#kernel/time.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type {
  KpiStore,
  ReviewCycleStore,
  ReviewResultStore,
  ReviewTemplateStore,
} from '#ports/performance/index.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';

/**
 * A cycle's next state, read again when someone else wrote first; `next` returns the cycle it was
 * given for no change (nothing is written then).
 */
export async function changingCycle(
  cycles: Pick<ReviewCycleStore, 'get' | 'update'>,
  id: string,
  next: (before: ReviewCycle) => ReviewCycle,
): Promise<ReviewCycle> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await cycles.get(id);
    if (!before) throw new NotFoundError(`Review cycle ${id}`);
    const after = next(before);
    if (after === before || (await cycles.update(before, after))) return after;
  }
  throw new StaleVersionError();
}

export interface CycleDeps {
  cycles: ReviewCycleStore;
  results: Pick<ReviewResultStore, 'result'>;
  bus: EventBus;
  templates: ReviewTemplateStore;
  kpis: KpiStore;
  employees: Pick<EmployeeStore, 'get' | 'getMany'>;
  /** Who an audience names now (the notices' resolver). */
  audience: (audience: NoticeAudience) => Promise<Recipient[]>;
  clock: Clock;
  timeZone: string;
}

/** How the caller stands to a review: what they may see of it follows. */
type Standing = Relation | 'hr' | 'line';

/**
 * Review cycles: HR opens one over a period, freezing the template versions, the KPIs and the
 * participants with their managers and peers; each participant is rated by themselves, their manager
 * and their teammates until each kind's deadline. Peers' ratings are shown only as averages over three
 * or more of them, to everyone; who gave which stays with the rater.
 */
export function makeReviewCycles(deps: CycleDeps) {
  const { cycles, clock } = deps;
  const isHr = (actor: Principal) => actor.permissions.has('performance:read:all');

  const changeCycle = (id: string, next: (before: ReviewCycle) => ReviewCycle) =>
    changingCycle(cycles, id, next);

  const cycleOrThrow = async (id: string) => {
    const cycle = await cycles.get(id);
    if (!cycle) throw new NotFoundError(`Review cycle ${id}`);
    return cycle;
  };

  /** Whether `managerId` is above someone: the frozen reporting line first, then today's. */
  const lineOf = (participants: readonly Participant[]) => {
    const frozen = new Map(participants.map((p) => [p.employeeId, p.managerId]));
    const known = new Map<string, string | undefined>();
    const managerOf = async (id: string) => {
      if (frozen.has(id)) return frozen.get(id);
      if (!known.has(id)) known.set(id, (await deps.employees.get(id))?.managerId);
      return known.get(id);
    };
    return async (employeeId: string, managerId: string) => {
      const seen = new Set<string>();
      for (let m = await managerOf(employeeId); m && !seen.has(m); m = await managerOf(m)) {
        if (m === managerId) return true;
        seen.add(m);
      }
      return false;
    };
  };

  const standingOf = async (
    actor: Principal,
    participant: Participant,
    above: (employeeId: string, managerId: string) => Promise<boolean>,
  ): Promise<Standing | undefined> =>
    relationOf(participant, actor.employeeId) ??
    (isHr(actor) ? 'hr' : (await above(participant.employeeId, actor.employeeId)) ? 'line' : undefined);

  /** What a viewer sees of a review's ratings: theirs whole; self and manager for the line and HR; peers averaged. */
  const ratingsView = (
    ratings: readonly Rating[],
    standing: Standing,
    actor: Principal,
    cycle: ReviewCycle,
  ) => {
    const peers = ratings.filter((r) => r.relation === 'peer');
    const seesOthers =
      standing === 'hr' || standing === 'line' || standing === 'manager' || cycle.status === 'released';
    const shown = (relation: 'self' | 'manager') =>
      ratings.find((r) => r.relation === relation && (seesOthers || r.raterId === actor.employeeId));
    const averages = (pick: (r: Rating) => Record<string, number>) => {
      const keys = [...new Set(peers.flatMap((r) => Object.keys(pick(r))))];
      return Object.fromEntries(
        keys.map((k) => {
          const given = peers.map((r) => pick(r)[k]).filter((v): v is number => v !== undefined);
          return [k, Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 100) / 100];
        }),
      );
    };
    const self = shown('self');
    const manager = shown('manager');
    const yours = ratings.find((r) => r.raterId === actor.employeeId);
    return {
      ...(self ? { self } : {}),
      ...(manager ? { manager } : {}),
      peers: {
        raters: peers.length,
        ...(peers.length >= minimumPeers && seesOthers
          ? { competencies: averages((r) => r.competencies), kpis: averages((r) => r.kpis) }
          : {}),
      },
      ...(yours ? { yours } : {}),
    };
  };

  /** The computed result: for HR and the line once computed; for the reviewee once released; never for a peer. */
  const resultFor = async (cycle: ReviewCycle, participant: Participant, standing: Standing) => {
    const sees = standing === 'self' ? cycle.status === 'released' : standing !== 'peer';
    const result =
      sees && cycle.computation ? await deps.results.result(cycle.id, participant.employeeId) : undefined;
    return result ? { result } : {};
  };

  const reviewView = async (
    actor: Principal,
    cycle: ReviewCycle,
    participant: Participant,
    standing: Standing,
  ) => {
    const template = cycle.templates.find((t) => t.id === participant.templateId) as ReviewTemplate;
    const { peers, ...rest } = participant;
    return {
      cycleId: cycle.id,
      id: participant.employeeId,
      ...rest,
      // The reviewee is not told who their peers are; the rest may see it.
      ...(standing === 'self' ? {} : { peers }),
      templateVersion: template.version,
      you: standing,
      ratingsDue: cycle.ratingsDue,
      ratings: ratingsView(await cycles.ratingsOf(cycle.id, participant.employeeId), standing, actor, cycle),
      ...(await resultFor(cycle, participant, standing)),
    };
  };

  /** The participants: each with the first template that applies, their manager, their teammates. */
  const participantsOf = async (recipients: readonly Recipient[], templates: readonly ReviewTemplate[]) => {
    const people = await deps.employees.getMany(recipients.map((r) => r.employeeId));
    const unmatched: string[] = [];
    const participants: Participant[] = [];
    for (const { employeeId } of recipients) {
      const person = people.get(employeeId);
      if (!person) continue;
      const template = templates.find((t) => templateApplies(t, person));
      if (!template) {
        unmatched.push(employeeId);
        continue;
      }
      participants.push({
        employeeId,
        name: person.name,
        departmentId: person.departmentId,
        position: person.position,
        ...(person.managerId ? { managerId: person.managerId } : {}),
        templateId: template.id,
        peers: [],
      });
    }
    if (unmatched.length > 0)
      throw new InvalidInputError(
        'None of the templates applies to some participants.',
        [
          {
            field: 'templateIds',
            message: `No template applies to ${unmatched.slice(0, 20).join(', ')}${unmatched.length > 20 ? ` and ${unmatched.length - 20} more` : ''}`,
          },
        ],
        'no_template_applies',
      );
    const byManager = Map.groupBy(participants, (p) => p.managerId ?? '');
    for (const p of participants)
      p.peers = (byManager.get(p.managerId ?? '') ?? [])
        .filter((q) => p.managerId && q.employeeId !== p.employeeId)
        .map((q) => q.employeeId)
        .sort()
        .slice(0, peersPerReview);
    return participants.sort((a, b) => a.employeeId.localeCompare(b.employeeId));
  };

  return {
    async open(actor: Principal, input: NewReviewCycle) {
      requirePermission(actor, 'performance:run');
      const templates = await Promise.all(input.templateIds.map((id) => deps.templates.current(id)));
      const missing = input.templateIds.flatMap((id, n) =>
        templates[n] ? [] : [{ field: `templateIds.${n}`, message: `No review template ${id}` }],
      );
      if (missing.length > 0)
        throw new InvalidInputError('Some templates do not exist.', missing, 'reference_not_found');
      const frozen = templates as ReviewTemplate[];
      const kpis = await deps.kpis.getMany([...new Set(frozen.flatMap((t) => t.kpis.map((k) => k.kpiId)))]);
      const participants = await participantsOf(
        await deps.audience(input.participants).catch((error: unknown) => {
          throw error instanceof InvalidInputError ? error.withFieldPrefix('participants') : error;
        }),
        frozen,
      );
      if (participants.length === 0)
        throw new InvalidInputError('Nobody works here of those named.', [
          { field: 'participants', message: 'Names nobody who works here now' },
        ]);
      const now = clock.now();
      const cycle: ReviewCycle = {
        id: reviewCycleId(now, randomBytes(4).toString('hex')),
        name: input.name,
        period: input.period,
        templates: frozen,
        kpis: [...kpis.values()],
        ratingsDue: input.ratingsDue,
        participants: participants.length,
        status: 'open',
        openedBy: actor.employeeId,
        openedAt: now.toISOString(),
        version: 1,
      };
      if (!(await cycles.open(cycle, participants))) throw new StaleVersionError();
      return cycle;
    },

    list: (_actor: Principal, page: PageRequest) => cycles.list(page),

    get: (_actor: Principal, id: string) => cycleOrThrow(id),

    /** The reviews the caller may see, by employee id: all (HR), their line's, their own, those they rate. */
    async reviews(actor: Principal, id: string, page: PageRequest) {
      const cycle = await cycleOrThrow(id);
      const participants = await cycles.participants(id);
      const above = lineOf(participants);
      const after = typeof page.startKey?.after === 'string' ? page.startKey.after : '';
      const visible: { participant: Participant; standing: Standing }[] = [];
      let more = false;
      for (const participant of participants) {
        if (participant.employeeId <= after) continue;
        const standing = await standingOf(actor, participant, above);
        if (!standing) continue;
        if (visible.length === page.limit) {
          more = true;
          break;
        }
        visible.push({ participant, standing });
      }
      const items = await Promise.all(
        visible.map(({ participant, standing }) => reviewView(actor, cycle, participant, standing)),
      );
      const last = visible.at(-1)?.participant.employeeId;
      return { items, ...(more && last ? { nextKey: { after: last } } : {}) };
    },

    async review(actor: Principal, id: string, revieweeId: string) {
      const cycle = await cycleOrThrow(id);
      const participants = await cycles.participants(id);
      const participant = participants.find((p) => p.employeeId === revieweeId);
      const standing = participant && (await standingOf(actor, participant, lineOf(participants)));
      if (!participant || !standing) throw new NotFoundError(`Review ${revieweeId} in cycle ${id}`);
      return reviewView(actor, cycle, participant, standing);
    },

    /** HR asks for a new run; the results of the last one stay until it finishes. */
    async requestComputation(actor: Principal, id: string) {
      requirePermission(actor, 'performance:run');
      const now = clock.now().toISOString();
      const cycle = await changeCycle(id, (before) => {
        if (before.status === 'released')
          throw new ConflictError('cycle_released', 'The cycle’s results are released: they are final.');
        return {
          ...before,
          status: 'computing',
          computation: {
            run: (before.computation?.run ?? 0) + 1,
            requestedBy: actor.employeeId,
            requestedAt: now,
          },
          version: before.version + 1,
        };
      });
      await deps.bus.publish([
        eventOf(reviewComputationRequested, { cycleId: id, run: cycle.computation?.run ?? 1 }),
      ]);
      return cycle;
    },

    /** HR releases a computed cycle: the reviewees see their results, and nothing is computed again. */
    async release(actor: Principal, id: string) {
      requirePermission(actor, 'performance:run');
      const released = await changeCycle(id, (before) => {
        if (before.status === 'released') return before;
        if (before.status !== 'computed')
          throw new ConflictError(
            'cycle_not_computed',
            before.status === 'computing'
              ? 'The cycle is being computed: release it once the computation has finished.'
              : 'The cycle has not been computed yet: ask for its computation first.',
          );
        return {
          ...before,
          status: 'released',
          releasedAt: clock.now().toISOString(),
          releasedBy: actor.employeeId,
          version: before.version + 1,
        };
      });
      // Again on a second release: what follows from it (skill evidence) is done once, however often told.
      await deps.bus.publish([eventOf(reviewCycleReleased, { cycleId: id })]);
      return released;
    },

    /** The caller's ratings of a participant, as themselves, their manager or a peer, until the deadline. */
    async rate(actor: Principal, id: string, revieweeId: string, input: NewRatings) {
      const cycle = await cycleOrThrow(id);
      const participants = await cycles.participants(id);
      const participant = participants.find((p) => p.employeeId === revieweeId);
      const relation = participant && relationOf(participant, actor.employeeId);
      if (!participant || !relation)
        throw new NotFoundError(`Review ${revieweeId} in cycle ${id} for you to rate`);
      const now = clock.now();
      const due = cycle.ratingsDue[relation];
      if (cycle.status === 'released' || now >= startOfDay(addDays(due, 1), deps.timeZone))
        throw new ConflictError(
          'ratings_closed',
          cycle.status === 'released'
            ? 'The cycle’s results are released: its ratings are final.'
            : `Ratings by the ${relation} were due by the end of ${due}.`,
        );
      const template = cycle.templates.find((t) => t.id === participant.templateId) as ReviewTemplate;
      const rated = template.kpis
        .map((k) => cycle.kpis.find((kpi) => kpi.id === k.kpiId))
        .filter((kpi): kpi is Kpi => kpi?.source.kind === 'review_rating')
        .map((kpi) => kpi.id);
      const expected = { competencies: template.competencies.map((c) => c.key), kpis: rated };
      const issues = (['competencies', 'kpis'] as const).flatMap((part) => [
        ...expected[part]
          .filter((key) => input[part][key] === undefined)
          .map((key) => ({ field: `${part}.${key}`, message: 'Required: rate it 1–5' })),
        ...Object.keys(input[part])
          .filter((key) => !expected[part].includes(key))
          .map((key) => ({ field: `${part}.${key}`, message: `Not rated in template ${template.id}` })),
      ]);
      if (issues.length > 0) throw new InvalidInputError('The ratings do not match the template.', issues);
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = (await cycles.ratingsOf(id, revieweeId)).find((r) => r.raterId === actor.employeeId);
        const rating: Rating = {
          cycleId: id,
          revieweeId,
          raterId: actor.employeeId,
          relation,
          competencies: input.competencies,
          kpis: input.kpis,
          ...(input.comment ? { comment: input.comment } : {}),
          at: now.toISOString(),
          version: (before?.version ?? 0) + 1,
        };
        if (await cycles.saveRating(rating)) return { rating, replaced: before !== undefined };
      }
      throw new StaleVersionError();
    },
  };
}
