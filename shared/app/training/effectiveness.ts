import type { Kpi, Measurement } from '#domain/performance/index.ts';
import {
  effectHorizons,
  type KpiChangeRow,
  kpiEffect,
  learningOf,
  reactionOf,
  type Session,
} from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { NotFoundError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { addDays, localDate } from '#kernel/time.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { TrainingStore } from '#ports/training/index.ts';

/** A computed KPI for some people over windows of days (performance's makeKpiWindows). */
export type KpiWindows = (
  kpi: Kpi,
  people: readonly { employeeId: string; managerId?: string | undefined }[],
  windows: readonly { start: string; end: string }[],
) => Promise<(employeeId: string, window: { start: string; end: string }) => Measurement | undefined>;

/** The records a value counted: deals, notices, sessions by id; team members by employee id. */
const counted = (m: Measurement | undefined) =>
  (m?.records ?? [])
    .filter((r) => r.counted)
    .map((r) => ('id' in r ? r.id : r.employeeId))
    .slice(0, 100);

export const comparisonBasis = {
  'zh-CN': '对照组：与受训者同部门、同岗位且未参加本培训的同事，在相同日期区间内的同一指标。',
  en: 'Comparison: colleagues in the trainees’ departments and positions who did not take the program, over the same days.',
};

/**
 * How well a program worked, at Kirkpatrick's four levels: what trainees said (reaction), what
 * the exams show they learned, and how its target KPI changed over 30, 60 and 90 days after each
 * session against colleagues who did not take it (behaviour and results) — every number with the
 * people and records behind it.
 */
export function makeEffectiveness(deps: {
  trainings: Pick<TrainingStore, 'get' | 'programEnrolments' | 'session'>;
  employees: Pick<EmployeeStore, 'getMany' | 'listByDepartment'>;
  kpiOf: (id: string) => Promise<Kpi | undefined>;
  kpiWindows: KpiWindows;
  clock: Clock;
  timeZone: string;
}) {
  return async (actor: Principal, id: string) => {
    requirePermission(actor, 'training:manage');
    const training = await deps.trainings.get(id);
    if (!training) throw new NotFoundError(`Training ${id}`);
    const today = localDate(deps.clock.now(), deps.timeZone);
    const enrolments = await deps.trainings.programEnrolments(id);
    const completed = enrolments.filter((e) => e.completed === true);
    const summary = {
      trainingId: id,
      asOf: today,
      enrolled: enrolments.length,
      attended: enrolments.filter((e) => e.attendance === 'present').length,
      completed: completed.length,
      reaction: reactionOf(enrolments),
      learning: learningOf(enrolments),
    };
    const kpi = training.targetKpiId ? await deps.kpiOf(training.targetKpiId) : undefined;
    if (!kpi) return { ...summary };

    // Cohorts: each session's completers, anchored at the day it ended.
    const took = new Set(enrolments.map((e) => e.employeeId));
    const sessions = new Map<string, Session>();
    for (const sessionId of new Set(completed.map((e) => e.sessionId))) {
      const s = await deps.trainings.session(id, sessionId);
      if (s) sessions.set(sessionId, s);
    }
    const people = await deps.employees.getMany([...new Set(completed.map((e) => e.employeeId))]);
    const departments = new Map<string, Awaited<ReturnType<typeof deps.employees.getMany>>>();
    for (const departmentId of new Set([...people.values()].map((p) => p.departmentId)))
      departments.set(
        departmentId,
        new Map(
          (await everyPage((page) => deps.employees.listByDepartment(departmentId, page), 1000)).map((e) => [
            e.id,
            e,
          ]),
        ),
      );

    const rows = new Map<
      number,
      (KpiChangeRow & { name: string; basis: { before: string[]; after: string[] } })[]
    >();
    for (const session of sessions.values()) {
      const anchor = session.endsOn;
      const trainees = completed
        .filter((e) => e.sessionId === session.id)
        .flatMap((e) => people.get(e.employeeId) ?? []);
      const positions = new Set(trainees.map((t) => `${t.departmentId}|${t.position}`));
      const comparison = [...departments.values()]
        .flatMap((d) => [...d.values()])
        .filter(
          (e) => !took.has(e.id) && e.status !== 'left' && positions.has(`${e.departmentId}|${e.position}`),
        );
      const reached = effectHorizons.filter((h) => addDays(anchor, h) <= today);
      if (reached.length === 0) continue;
      const windows = reached.flatMap((h) => [
        { start: addDays(anchor, -h), end: addDays(anchor, -1) },
        { start: addDays(anchor, 1), end: addDays(anchor, h) },
      ]);
      const group = [
        ...trainees.map((p) => ({ p, g: 'trainee' as const })),
        ...comparison.map((p) => ({ p, g: 'comparison' as const })),
      ];
      const read = await deps.kpiWindows(
        kpi,
        group.map(({ p }) => ({ employeeId: p.id, managerId: p.managerId })),
        windows,
      );
      for (const h of reached) {
        const before = { start: addDays(anchor, -h), end: addDays(anchor, -1) };
        const after = { start: addDays(anchor, 1), end: addDays(anchor, h) };
        const list = rows.get(h) ?? [];
        for (const { p, g } of group) {
          const b = read(p.id, before);
          const a = read(p.id, after);
          list.push({
            employeeId: p.id,
            name: p.name,
            group: g,
            sessionId: session.id,
            anchor,
            before: b?.actual,
            after: a?.actual,
            basis: { before: counted(b), after: counted(a) },
          });
        }
        rows.set(h, list);
      }
    }

    return {
      ...summary,
      behaviour: {
        kpi: { id: kpi.id, name: kpi.name, unit: kpi.unit, source: kpi.source },
        comparisonBasis,
        horizons: effectHorizons.map((days) => {
          const list = rows.get(days) ?? [];
          return {
            days,
            /** Whether any session ended at least this many days ago. */
            reached: list.length > 0,
            ...kpiEffect(list),
            people: list.map((r) => ({
              ...r,
              window: {
                before: { from: addDays(r.anchor, -days), to: addDays(r.anchor, -1) },
                after: { from: addDays(r.anchor, 1), to: addDays(r.anchor, days) },
              },
              ...(r.before !== undefined && r.after !== undefined
                ? { change: Math.round((r.after - r.before) * 1e4) / 1e4 }
                : {}),
            })),
          };
        }),
      },
    };
  };
}
