import { randomBytes } from 'node:crypto';
import type { Messenger } from '#app/communication/index.ts';
import { readerStanding, reportsTo } from '#app/people/index.ts';
import type { Kpi } from '#domain/performance/index.ts';
import {
  certificateEvidence,
  certificateReference,
  completionOf,
  type Enrolment,
  type NewSession,
  type NewTraining,
  type Session,
  type SkillRecord,
  sessionId,
  type Training,
  trainingId,
  whereOf,
} from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  StaleVersionError,
} from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { localDate, zonedInstant } from '#kernel/time.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { SkillStore, TrainingStore } from '#ports/training/index.ts';

export interface TrainingDeps {
  trainings: TrainingStore;
  skills: Pick<SkillStore, 'getMany' | 'records'>;
  employees: Pick<EmployeeStore, 'get' | 'getMany'>;
  /** A KPI of performance, for the one a program targets. */
  kpiOf: (id: string) => Promise<Kpi | undefined>;
  /** The KPI sources a window of any days can be measured over. */
  windowedSources: readonly string[];
  tell: Messenger;
  clock: Clock;
  timeZone: string;
}

/** What one request may change at once: its enrolments and their evidence fit one transaction. */
export const outcomesPerRequest = 50;

/**
 * Training programs aimed at skills, their sessions, enrolment (HR, the line, or oneself where the
 * program allows), attendance and exam results (HR or the session's trainer), and the certificates
 * a completed program gives: evidence of the levels it certifies, written with the outcome.
 */
export function makeTrainings(deps: TrainingDeps) {
  const { trainings, employees, clock } = deps;

  const program = async (id: string) => {
    const found = await trainings.get(id);
    if (!found) throw new NotFoundError(`Training ${id}`);
    return found;
  };
  const sessionOf = async (training: Training, id: string) => {
    const found = await trainings.session(training.id, id);
    if (!found) throw new NotFoundError(`Session ${id} of training ${training.id}`);
    return found;
  };
  /** HR, or the session's own trainer. */
  const runs = (actor: Principal, session: Session) => {
    if (!actor.permissions.has('training:manage') && session.trainerId !== actor.employeeId)
      throw new PermissionDeniedError('Only HR and the session’s trainer record its attendance and results.');
  };
  const started = (session: Session) => {
    if (clock.now().getTime() < Date.parse(session.startsAt))
      throw new ConflictError('session_not_started', `Session ${session.id} starts at ${session.startsAt}.`);
  };

  /**
   * Applies changes to some enrolments of a session, and to the trainees' evidence what their
   * completion now certifies (added once, taken back when the outcome is corrected), in one
   * transaction; read again and retried when someone else wrote in between.
   */
  const settle = async (
    actor: Principal,
    training: Training,
    session: Session,
    change: (enrolment: Enrolment) => Partial<Enrolment>,
    ids: readonly string[],
  ) => {
    const reference = certificateReference(training.id, session.id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = new Map(
        (await trainings.enrolments(training.id, session.id)).map((e) => [e.employeeId, e]),
      );
      const now = clock.now().toISOString();
      const changes = ids.map((id) => {
        const before = current.get(id) as Enrolment;
        const merged = { ...before, ...change(before), updatedBy: actor.employeeId, updatedAt: now };
        const completed = completionOf(training, merged);
        const { completed: _, ...rest } = merged;
        const after: Enrolment = completed === undefined ? rest : { ...rest, completed };
        return { before, after };
      });
      const records = training.certifies.length === 0 ? new Map() : await deps.skills.records(ids);
      const evidence: SkillRecord[] = [];
      for (const { after } of changes) {
        const before = records.get(after.employeeId) as SkillRecord | undefined;
        const kept = (before?.evidence ?? []).filter(
          (e) => !(e.source === 'training_certificate' && e.reference === reference),
        );
        const had = (before?.evidence.length ?? 0) - kept.length > 0;
        if (training.certifies.length === 0 || (!after.completed && !had) || (after.completed && had))
          continue;
        evidence.push({
          employeeId: after.employeeId,
          evidence: after.completed
            ? [...kept, ...certificateEvidence(training, session, actor.employeeId, now)]
            : kept,
          version: (before?.version ?? 0) + 1,
        });
      }
      if (await trainings.saveOutcomes(changes, evidence))
        return { sessionId: session.id, enrolments: changes.map((c) => c.after), certified: evidence.length };
    }
    throw new StaleVersionError();
  };

  /** Each id once, each enrolled in the session: else a 400 naming the entry. */
  const enrolledIn = async (
    training: Training,
    session: Session,
    ids: readonly { field: string; id: string }[],
  ) => {
    const enrolled = new Set((await trainings.enrolments(training.id, session.id)).map((e) => e.employeeId));
    const seen = new Set<string>();
    const issues = ids.flatMap(({ field, id }) => {
      if (seen.has(id)) return [{ field, message: `${id} is listed twice` }];
      seen.add(id);
      return enrolled.has(id) ? [] : [{ field, message: `${id} is not enrolled in this session` }];
    });
    if (issues.length > 0)
      throw new InvalidInputError('Some people are not enrolled in the session.', issues);
  };

  return {
    async define(actor: Principal, input: NewTraining): Promise<Training> {
      requirePermission(actor, 'training:manage');
      const known = await deps.skills.getMany(input.certifies.map((c) => c.skillId));
      const issues = input.certifies.flatMap((c, n) =>
        known.has(c.skillId) ? [] : [{ field: `certifies.${n}.skillId`, message: `No skill ${c.skillId}` }],
      );
      if (input.targetKpiId) {
        const kpi = await deps.kpiOf(input.targetKpiId);
        if (!kpi) issues.push({ field: 'targetKpiId', message: `No KPI ${input.targetKpiId}` });
        else if (!deps.windowedSources.includes(kpi.source.kind))
          issues.push({
            field: 'targetKpiId',
            message: `A ${kpi.source.kind} KPI cannot be read over the days before and after a session; one of ${deps.windowedSources.join(', ')}`,
          });
      }
      if (issues.length > 0)
        throw new InvalidInputError('Some references do not hold.', issues, 'reference_not_found');
      const now = clock.now();
      const training: Training = {
        id: trainingId(now, randomBytes(4).toString('hex')),
        ...input,
        createdBy: actor.employeeId,
        createdAt: now.toISOString(),
      };
      if (!(await trainings.create(training))) throw new StaleVersionError();
      return training;
    },

    async list(_actor: Principal, page: PageRequest, filter: { skillId?: string | undefined }) {
      const found = await trainings.list(page);
      return filter.skillId
        ? {
            ...found,
            items: found.items.filter((t) => t.certifies.some((c) => c.skillId === filter.skillId)),
          }
        : found;
    },

    get: (_actor: Principal, id: string) => program(id),

    async schedule(actor: Principal, id: string, input: NewSession): Promise<Session> {
      requirePermission(actor, 'training:manage');
      const training = await program(id);
      const zone = input.timeZone ?? deps.timeZone;
      const at = (wall: string) => zonedInstant(wall.slice(0, 10), wall.slice(11), zone);
      const startsAt = at(input.startsAt);
      const endsAt = at(input.endsAt);
      const now = clock.now();
      if (startsAt <= now)
        throw new InvalidInputError('A session is scheduled ahead.', [
          { field: 'startsAt', message: `Not after now (${now.toISOString()})` },
        ]);
      if (input.trainerId && !(await employees.get(input.trainerId)))
        throw new InvalidInputError(
          'The trainer is not an employee.',
          [{ field: 'trainerId', message: `No employee ${input.trainerId}` }],
          'reference_not_found',
        );
      const { timeZone: _, startsAt: __, endsAt: ___, ...rest } = input;
      const session: Session = {
        ...rest,
        id: sessionId(now, randomBytes(4).toString('hex')),
        trainingId: training.id,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        local: { startsAt: input.startsAt, endsAt: input.endsAt, timeZone: zone },
        endsOn: localDate(endsAt, zone),
        enrolled: 0,
        createdBy: actor.employeeId,
        createdAt: now.toISOString(),
      };
      if (!(await trainings.createSession(session))) throw new StaleVersionError();
      return session;
    },

    async sessions(_actor: Principal, id: string, page: PageRequest) {
      await program(id);
      return trainings.sessions(id, page);
    },

    async session(_actor: Principal, id: string, session: string) {
      return sessionOf(await program(id), session);
    },

    /**
     * Someone into a session before it starts, by HR, their line, or themselves where the program
     * allows; `created` false when they were enrolled already (nothing changes).
     */
    async enrol(actor: Principal, id: string, session: string, employeeId: string) {
      const training = await program(id);
      const found = await sessionOf(training, session);
      const person = await employees.get(employeeId);
      if (!person || person.status === 'left')
        throw new InvalidInputError(
          'Only current employees are enrolled.',
          [{ field: 'employeeId', message: `No current employee ${employeeId}` }],
          'reference_not_found',
        );
      const may =
        actor.permissions.has('training:manage') ||
        (employeeId === actor.employeeId && training.selfEnrolment) ||
        (await reportsTo(employees, person, actor.employeeId));
      if (!may)
        throw new PermissionDeniedError(
          training.selfEnrolment
            ? 'HR, their managers or they themselves enrol someone.'
            : 'HR or their managers enrol someone in this program.',
        );
      const existing = await trainings.enrolment(training.id, found.id, employeeId);
      if (existing) return { enrolment: existing, created: false };
      if (clock.now().getTime() >= Date.parse(found.startsAt))
        throw new ConflictError('session_started', `Session ${found.id} started at ${found.startsAt}.`);
      const enrolment: Enrolment = {
        trainingId: training.id,
        sessionId: found.id,
        employeeId,
        sessionStartsAt: found.startsAt,
        sessionEndsOn: found.endsOn,
        enrolledBy: actor.employeeId,
        enrolledAt: clock.now().toISOString(),
      };
      const outcome = await trainings.enrol(found, enrolment);
      if (outcome === 'full')
        throw new ConflictError(
          'session_full',
          `Session ${found.id} has ${found.capacity} places, all taken.`,
        );
      if (outcome === 'enrolled')
        return {
          enrolment: (await trainings.enrolment(training.id, found.id, employeeId)) ?? enrolment,
          created: false,
        };
      if (employeeId !== actor.employeeId) {
        const by = await employees.get(actor.employeeId);
        await deps.tell(
          [{ employeeId }],
          'training.enrolled',
          {
            training: training.name,
            by: by?.name ?? actor.employeeId,
            startsAt: found.local.startsAt.replace('T', ' '),
            timeZone: found.local.timeZone,
            where: whereOf(found),
          },
          { dedupeKey: `training-enrolled|${found.id}|${employeeId}`, link: `/v1/trainings/${training.id}` },
        );
      }
      return { enrolment, created: true };
    },

    /** A session's enrolments with their outcomes (HR, its trainer). */
    async enrolments(actor: Principal, id: string, session: string) {
      const training = await program(id);
      const found = await sessionOf(training, session);
      runs(actor, found);
      const list = await trainings.enrolments(training.id, found.id);
      return { session: found, enrolments: list };
    },

    /** Who was there, taken at the session (HR, its trainer); taking it again corrects it. */
    async attendance(
      actor: Principal,
      id: string,
      session: string,
      input: { present: string[]; absent: string[] },
    ) {
      const training = await program(id);
      const found = await sessionOf(training, session);
      runs(actor, found);
      started(found);
      await enrolledIn(training, found, [
        ...input.present.map((id, n) => ({ field: `present.${n}`, id })),
        ...input.absent.map((id, n) => ({ field: `absent.${n}`, id })),
      ]);
      const present = new Set(input.present);
      return settle(
        actor,
        training,
        found,
        (e) => ({ attendance: present.has(e.employeeId) ? 'present' : 'absent' }),
        [...input.present, ...input.absent],
      );
    },

    /**
     * Exam scores before and after (HR, its trainer): a score after needs the person present and the
     * program's exam; it decides completion, and completion the certificate.
     */
    async results(
      actor: Principal,
      id: string,
      session: string,
      results: { employeeId: string; preScore?: number | undefined; postScore?: number | undefined }[],
    ) {
      const training = await program(id);
      const found = await sessionOf(training, session);
      runs(actor, found);
      started(found);
      await enrolledIn(
        training,
        found,
        results.map((r, n) => ({ field: `results.${n}.employeeId`, id: r.employeeId })),
      );
      const enrolments = new Map(
        (await trainings.enrolments(training.id, found.id)).map((e) => [e.employeeId, e]),
      );
      const issues = results.flatMap((r, n) => {
        const field = (name: string) => `results.${n}.${name}`;
        if (!training.exam) return [{ field: field('employeeId'), message: 'The program has no exam' }];
        const over = (['preScore', 'postScore'] as const).filter(
          (k) => r[k] !== undefined && (r[k] as number) > (training.exam?.maxScore ?? 0),
        );
        if (over.length > 0)
          return over.map((k) => ({
            field: field(k),
            message: `Above the highest score, ${training.exam?.maxScore}`,
          }));
        if (r.postScore !== undefined && enrolments.get(r.employeeId)?.attendance !== 'present')
          return [
            { field: field('postScore'), message: 'Not recorded as present: take the attendance first' },
          ];
        if (r.preScore === undefined && r.postScore === undefined)
          return [{ field: field('postScore'), message: 'A score before, after, or both' }];
        return [];
      });
      if (issues.length > 0) throw new InvalidInputError('Some results do not hold.', issues);
      const byId = new Map(results.map((r) => [r.employeeId, r]));
      return settle(
        actor,
        training,
        found,
        (e) => {
          const r = byId.get(e.employeeId);
          return {
            ...(r?.preScore !== undefined ? { preScore: r.preScore } : {}),
            ...(r?.postScore !== undefined ? { postScore: r.postScore } : {}),
          };
        },
        results.map((r) => r.employeeId),
      );
    },

    /** A trainee's own rating of a session they attended (1–5), once it has started; again replaces it. */
    async react(
      actor: Principal,
      id: string,
      session: string,
      input: { rating: number; comment?: string | undefined },
    ) {
      const training = await program(id);
      const found = await sessionOf(training, session);
      started(found);
      const mine = await trainings.enrolment(training.id, found.id, actor.employeeId);
      if (mine?.attendance !== 'present')
        throw new PermissionDeniedError('Those recorded as present rate a session.');
      const reaction = {
        rating: input.rating,
        ...(input.comment ? { comment: input.comment } : {}),
        at: clock.now().toISOString(),
      };
      const settled = await settle(actor, training, found, () => ({ reaction }), [actor.employeeId]);
      return settled.enrolments[0] as Enrolment;
    },

    /** Someone's enrolments, latest first, with what came of them (the person, their line, HR). */
    async of(actor: Principal, employeeId: string, page: PageRequest) {
      const reader = await readerStanding(employees, actor, employeeId, 'training:manage');
      if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
      return trainings.enrolmentsOf(employeeId, page);
    },
  };
}
