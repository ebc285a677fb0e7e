import { randomBytes } from 'node:crypto';
import { reportsTo } from '#app/people/index.ts';
import type { Kpi, MentoringProgramme } from '#domain/performance/index.ts';
import type { Mentorship } from '#domain/risk/index.ts';
import {
  goalStatus,
  kpiWindowsOf,
  levelsGained,
  type MentoringGoal,
  type MentoringSession,
  maxGoals,
  mentoringGoalId,
  mentoringSessionId,
  type NewMentoringGoal,
  NewMentoringSession,
  sessionSummary,
  skillChanges,
} from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { ConflictError, InvalidInputError, PermissionDeniedError } from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { localDate } from '#kernel/time.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { MentoringStore, SkillStore } from '#ports/training/index.ts';
import type { KpiWindows } from './effectiveness.ts';

export interface MentoringDeps {
  mentoring: MentoringStore;
  /** The mentorship, if the caller may see it (the risk area's rule); not found otherwise. */
  mentorshipOf: (actor: Principal, id: string) => Promise<Mentorship>;
  skills: Pick<SkillStore, 'getMany' | 'record'>;
  employees: Pick<EmployeeStore, 'get'>;
  kpiOf: (id: string) => Promise<Kpi | undefined>;
  kpiWindows: KpiWindows;
  windowedSources: readonly string[];
  clock: Clock;
  timeZone: string;
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

const lastDayOf = (m: Mentorship, today: string) => (m.until && m.until < today ? m.until : today);

/** A mentorship's programme as the mentor effect reads it: sessions and the mentee's skill levels gained. */
export function makeMentoringProgramme(
  deps: Pick<MentoringDeps, 'mentoring' | 'clock' | 'timeZone'> & { skills: Pick<SkillStore, 'record'> },
) {
  return async (m: Mentorship): Promise<MentoringProgramme> => {
    const [sessions, record] = await Promise.all([
      deps.mentoring.allSessions(m.id),
      deps.skills.record(m.menteeId),
    ]);
    const summary = sessionSummary(sessions);
    const end = lastDayOf(m, localDate(deps.clock.now(), deps.timeZone));
    const skills = skillChanges(record?.evidence ?? [], m.since, end).map(({ skillId, from, to }) => ({
      skillId,
      from,
      to,
    }));
    return {
      sessions: summary.count,
      minutes: summary.minutes,
      ...(summary.lastOn ? { lastSessionOn: summary.lastOn } : {}),
      skills,
      skillLevelsGained: levelsGained(skills.map((s) => ({ change: s.to - s.from }))),
    };
  };
}

/**
 * Mentoring as a programme: goals aimed at a skill level or a KPI, the sessions mentor and mentee
 * log, and the progress the records show — the mentee's evidenced skill levels and the goal KPIs
 * before the mentoring and since. The mentor effect in performance reads the same programme.
 */
export function makeMentoring(deps: MentoringDeps) {
  const { mentoring, clock } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);
  const isHr = (actor: Principal) => actor.permissions.has('employee:manage');

  /** Goals are set by HR, the pair, or the mentee's line; sessions are logged by HR or the pair. */
  const mayShape = async (actor: Principal, m: Mentorship) => {
    if (isHr(actor) || actor.employeeId === m.mentorId || actor.employeeId === m.menteeId) return true;
    const mentee = await deps.employees.get(m.menteeId);
    return mentee !== undefined && (await reportsTo(deps.employees, mentee, actor.employeeId));
  };
  const refuse = (what: string) => {
    throw new PermissionDeniedError(`Only HR, the mentor or the mentee ${what}.`);
  };
  const lastDay = (m: Mentorship) => lastDayOf(m, today());

  const programmeOf = makeMentoringProgramme(deps);

  return {
    async addGoal(actor: Principal, id: string, input: NewMentoringGoal): Promise<MentoringGoal> {
      const m = await deps.mentorshipOf(actor, id);
      if (!(await mayShape(actor, m))) refuse('or the mentee’s managers set its goals');
      if (m.status === 'ended') throw new ConflictError('mentorship_ended', `Mentorship ${id} has ended.`);
      const issues: { field: string; message: string }[] = [];
      if (input.skillId && !(await deps.skills.getMany([input.skillId])).has(input.skillId))
        issues.push({ field: 'skillId', message: `No skill ${input.skillId}` });
      if (input.kpiId) {
        const kpi = await deps.kpiOf(input.kpiId);
        if (!kpi) issues.push({ field: 'kpiId', message: `No KPI ${input.kpiId}` });
        else if (!deps.windowedSources.includes(kpi.source.kind))
          issues.push({
            field: 'kpiId',
            message: `A ${kpi.source.kind} KPI cannot be read over the days before and since the mentoring; one of ${deps.windowedSources.join(', ')}`,
          });
      }
      if (issues.length > 0)
        throw new InvalidInputError('The goal names what does not exist.', issues, 'reference_not_found');
      if (input.dueOn !== undefined && input.dueOn < m.since)
        throw new InvalidInputError('A goal is due after the mentoring begins.', [
          { field: 'dueOn', message: `Before the mentoring began, ${m.since}` },
        ]);
      if ((await mentoring.goals(id)).length >= maxGoals)
        throw new ConflictError('mentoring_goals_full', `Mentorship ${id} has ${maxGoals} goals.`);
      const now = clock.now();
      const goal: MentoringGoal = {
        id: mentoringGoalId(now, randomBytes(4).toString('hex')),
        mentorshipId: id,
        ...input,
        createdBy: actor.employeeId,
        createdAt: now.toISOString(),
      };
      await mentoring.createGoal(goal);
      return goal;
    },

    async logSession(actor: Principal, id: string, body: NewMentoringSession): Promise<MentoringSession> {
      const input = NewMentoringSession.parse(body);
      const m = await deps.mentorshipOf(actor, id);
      if (!isHr(actor) && actor.employeeId !== m.mentorId && actor.employeeId !== m.menteeId)
        refuse('log its sessions');
      if (input.on < m.since || input.on > lastDay(m))
        throw new InvalidInputError('A session is logged on a day the mentoring ran, up to today.', [
          {
            field: 'on',
            message: `Between ${m.since} and ${lastDay(m)}`,
          },
        ]);
      const goals = new Set((await mentoring.goals(id)).map((g) => g.id));
      const unknown = input.goalIds.flatMap((g, n) =>
        goals.has(g) ? [] : [{ field: `goalIds.${n}`, message: `No goal ${g} in mentorship ${id}` }],
      );
      if (unknown.length > 0)
        throw new InvalidInputError(
          'The session names goals of another mentorship.',
          unknown,
          'reference_not_found',
        );
      const now = clock.now();
      const session: MentoringSession = {
        id: mentoringSessionId(now, randomBytes(4).toString('hex')),
        mentorshipId: id,
        ...input,
        goalIds: [...new Set(input.goalIds)],
        loggedBy: actor.employeeId,
        loggedAt: now.toISOString(),
      };
      await mentoring.createSession(session);
      return session;
    },

    async sessions(actor: Principal, id: string, page: PageRequest): Promise<PageResult<MentoringSession>> {
      await deps.mentorshipOf(actor, id);
      return mentoring.sessions(id, page);
    },

    /**
     * What the records show of the mentoring so far: sessions, each goal's state with the numbers
     * it rests on, and every skill of the mentee that moved since it began.
     */
    async progress(actor: Principal, id: string) {
      const m = await deps.mentorshipOf(actor, id);
      const asOf = today();
      const end = lastDay(m);
      const [goals, sessions, record, mentee] = await Promise.all([
        mentoring.goals(id),
        mentoring.allSessions(id),
        deps.skills.record(m.menteeId),
        deps.employees.get(m.menteeId),
      ]);
      const summary = sessionSummary(sessions);
      const changes = skillChanges(record?.evidence ?? [], m.since, end);
      const windows = kpiWindowsOf(m.since, end);
      const kpis = new Map<string, Kpi>();
      for (const kpiId of new Set(goals.flatMap((g) => (g.kpiId ? [g.kpiId] : [])))) {
        const kpi = await deps.kpiOf(kpiId);
        if (kpi) kpis.set(kpiId, kpi);
      }
      const readings = new Map<string, Awaited<ReturnType<KpiWindows>>>();
      for (const [kpiId, kpi] of kpis)
        readings.set(
          kpiId,
          await deps.kpiWindows(
            kpi,
            [{ employeeId: m.menteeId, managerId: mentee?.managerId }],
            [windows.before, windows.after],
          ),
        );
      const evidenceNow = (record?.evidence ?? []).filter((e) => e.on <= end);
      const levelOf = (skillId: string) =>
        evidenceNow
          .filter((e) => e.skillId === skillId)
          .sort((a, b) => a.on.localeCompare(b.on) || a.level - b.level)
          .at(-1);
      return {
        mentorshipId: id,
        mentorId: m.mentorId,
        menteeId: m.menteeId,
        since: m.since,
        ...(m.until ? { until: m.until } : {}),
        status: m.status,
        asOf,
        sessions: {
          count: summary.count,
          minutes: summary.minutes,
          ...(summary.firstOn ? { firstOn: summary.firstOn, lastOn: summary.lastOn } : {}),
        },
        goals: goals
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
          .map((g) => {
            const shown = g.skillId ? levelOf(g.skillId) : undefined;
            const read = g.kpiId ? readings.get(g.kpiId) : undefined;
            const before = read?.(m.menteeId, windows.before);
            const after = read?.(m.menteeId, windows.after);
            return {
              ...g,
              status: goalStatus(
                g,
                { level: shown?.level, before: before?.actual, since: after?.actual },
                asOf,
              ),
              sessions: summary.perGoal.get(g.id) ?? 0,
              ...(g.skillId
                ? { skill: { level: shown?.level ?? 0, ...(shown ? { basis: shown } : {}) } }
                : {}),
              ...(g.kpiId && kpis.has(g.kpiId)
                ? {
                    kpi: {
                      days: windows.days,
                      before: { from: windows.before.start, to: windows.before.end, value: before?.actual },
                      since: { from: windows.after.start, to: windows.after.end, value: after?.actual },
                      ...(before?.actual !== undefined && after?.actual !== undefined
                        ? { change: round(after.actual - before.actual) }
                        : {}),
                    },
                  }
                : {}),
            };
          }),
        skills: changes,
        skillLevelsGained: levelsGained(changes),
      };
    },

    programmeOf,
  };
}

export type Mentoring = ReturnType<typeof makeMentoring>;
