import {
  type AttendanceDay,
  type AttendanceRules,
  assignedShift,
  attendanceDayOf,
  type Leave,
  leaveOn,
  type Punch,
  type Shift,
  type Site,
  shiftDayOf,
  withDay,
  workingDay,
} from '#domain/attendance/index.ts';
import type { EmployeeRecord } from '#domain/people/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { everyPage } from '#kernel/pages.ts';
import { addDays, localDate, startOfDay } from '#kernel/time.ts';
import type {
  AttendanceDayStore,
  AttendanceSetupStore,
  LeaveStore,
  PunchStore,
} from '#ports/attendance/index.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';
import type { EffectiveRules } from './setup.ts';

export interface AttendanceDayDeps {
  setup: AttendanceSetupStore;
  punches: PunchStore;
  days: AttendanceDayStore;
  leaves: Pick<LeaveStore, 'endingFrom' | 'of'>;
  employees: Pick<EmployeeStore, 'listByStatus' | 'getMany' | 'get'>;
  departments: Pick<DepartmentStore, 'list'>;
  /** The rules that apply to one person (the setup's rule: theirs, else their department's). */
  effective: (employeeId: string) => Promise<EffectiveRules | undefined>;
  clock: Clock;
}

/**
 * How far back the job looks for a site's work dates it has not closed (runs that failed or were
 * missed), from the day the site was added at the earliest.
 */
export const catchUpDays = 35;

/** One person's rules as they apply: their own, else their department's or the nearest above it. */
export function rulesResolver(
  own: ReadonlyMap<string, AttendanceRules>,
  departmentRules: ReadonlyMap<string, AttendanceRules>,
  parents: ReadonlyMap<string, string | undefined>,
) {
  return (person: Pick<EmployeeRecord, 'id' | 'departmentId'>): AttendanceRules | undefined => {
    const mine = own.get(`employee#${person.id}`);
    if (mine) return mine;
    const seen = new Set<string>();
    for (let id: string | undefined = person.departmentId; id && !seen.has(id); id = parents.get(id)) {
      seen.add(id);
      const rules = departmentRules.get(`department#${id}`);
      if (rules) return { ...rules, devices: [] };
    }
    return undefined;
  };
}

/**
 * The site a person's day belongs to: where their first accepted punch was (else their first punch),
 * else the first of their sites.
 */
const daySiteOf = (rules: AttendanceRules, punches: readonly Punch[]) => {
  const sorted = [...punches].sort((a, b) => a.at.localeCompare(b.at));
  return (
    sorted.find((p) => p.verdict.status === 'accepted')?.verdict.siteId ??
    sorted.find((p) => p.verdict.siteId && rules.sites.includes(p.verdict.siteId))?.verdict.siteId ??
    rules.sites[0]
  );
};

/**
 * Punches made into attendance days: once a site's work date has ended — the last window of any
 * shift that day closed — every person whose day it is there gets the day their punches, shift,
 * calendar and leave give. Runs every hour, so each site's day is closed soon after it ends where the
 * site is; a date once closed is not computed again by the sweep (a late import recomputes its own).
 * The same sweep takes positions off punches whose keeping time is over.
 */
export function makeAttendanceDays(deps: AttendanceDayDeps) {
  const { setup, clock } = deps;

  /** What the job needs of everyone at once: people, their rules, shifts, sites, leave. */
  const loadCompany = async (fromDate: string) => {
    const active = [
      ...(await everyPage((page) => deps.employees.listByStatus('active', page), 1000)),
      ...(await everyPage((page) => deps.employees.listByStatus('resigning', page), 1000)),
    ];
    const people = [...(await deps.employees.getMany(active.map((e) => e.id))).values()];
    const departments = await everyPage((page) => deps.departments.list(page), 1000);
    const [own, departmental, shifts, leaves] = await Promise.all([
      setup.rulesMany(people.map((p) => ({ scope: 'employee' as const, id: p.id }))),
      setup.rulesMany(departments.map((d) => ({ scope: 'department' as const, id: d.id }))),
      everyPage((page) => setup.listShifts(page), 1000),
      deps.leaves.endingFrom(fromDate),
    ]);
    const resolve = rulesResolver(own, departmental, new Map(departments.map((d) => [d.id, d.parentId])));
    const leaveBy = new Map<string, Leave[]>();
    for (const l of leaves) leaveBy.set(l.employeeId, [...(leaveBy.get(l.employeeId) ?? []), l]);
    return {
      people: people.flatMap((person) => {
        const rules = resolve(person);
        return rules ? [{ person, rules }] : [];
      }),
      shifts: new Map(shifts.map((s) => [s.id, s])),
      leaveBy,
    };
  };

  /** One person's day at a site from their punches of that work date. */
  const dayOf = (
    person: EmployeeRecord,
    rules: AttendanceRules,
    site: Site,
    workDate: string,
    punches: readonly Punch[],
    shifts: ReadonlyMap<string, Shift>,
    leaves: readonly Leave[],
  ): AttendanceDay => {
    const shift = shifts.get(assignedShift(rules, workDate) ?? '');
    const leave = leaveOn(leaves, workDate);
    return attendanceDayOf({
      employeeId: person.id,
      workDate,
      siteId: site.id,
      timeZone: site.timeZone,
      ...(shift ? { shift: { shift, day: shiftDayOf(shift, workDate, site.timeZone) } } : {}),
      calendar: workingDay(site, workDate),
      ...(leave ? { leave: { id: leave.id, kind: leave.kind } } : {}),
      punches,
      computedAt: clock.now().toISOString(),
    });
  };

  /** Whether every window of the date has closed at the site. */
  const ended = (site: Site, date: string, shifts: Iterable<Shift>) => {
    const ends = [...shifts].map((s) => shiftDayOf(s, date, site.timeZone).windowEnd.getTime());
    return clock.now().getTime() >= Math.max(startOfDay(addDays(date, 1), site.timeZone).getTime(), ...ends);
  };

  const employed = (person: EmployeeRecord, date: string) =>
    person.hireDate <= date && (person.lastWorkingDay === undefined || date <= person.lastWorkingDay);

  /**
   * One person's days as their punches give them now, whether or not the sweep closed them (an
   * overtime claim's evidence); `endedOnly` keeps the dates whose every shift window has closed.
   */
  const daysOf = async (employeeId: string, workDates: readonly string[], endedOnly = false) => {
    const person = await deps.employees.get(employeeId);
    if (!person) return [];
    const rules = (await deps.effective(employeeId))?.rules;
    if (!rules) return [];
    const [sites, shifts, leaves] = await Promise.all([
      setup.sites(rules.sites),
      setup.shifts([...new Set(rules.shifts.map((s) => s.shiftId))]),
      deps.leaves.of(employeeId),
    ]);
    const found: { day: AttendanceDay; punches: Punch[]; shift?: Shift }[] = [];
    for (const workDate of [...new Set(workDates)].sort()) {
      if (!employed(person, workDate)) continue;
      const punches = await deps.punches.between(
        employeeId,
        `${addDays(workDate, -1)}T00`,
        `${addDays(workDate, 2)}T00`,
      );
      const ofDay = punches.filter((p) => p.workDate === workDate);
      const site = sites.get(daySiteOf(rules, ofDay) ?? '');
      if (!site) continue;
      if (endedOnly && !ended(site, workDate, shifts.values())) continue;
      const shift = shifts.get(assignedShift(rules, workDate) ?? '');
      found.push({
        day: dayOf(person, rules, site, workDate, ofDay, shifts, leaves),
        punches: ofDay,
        ...(shift ? { shift } : {}),
      });
    }
    return found;
  };

  /**
   * Days saved with the months' rows they belong to (the report's read model). `moved`: a day computed
   * again may now belong to another of the person's sites; the row it was in loses it.
   */
  const saveDays = async (days: readonly AttendanceDay[], moved = false) => {
    if (days.length === 0) return;
    await deps.days.saveAll(days);
    const at = clock.now().toISOString();
    const keyOf = (r: { month: string; siteId: string; employeeId: string }) =>
      `${r.month}|${r.siteId}|${r.employeeId}`;
    const wanted = days.map((d) => ({
      month: d.workDate.slice(0, 7),
      siteId: d.siteId,
      employeeId: d.employeeId,
    }));
    const rows = new Map((await deps.days.monthRows(wanted)).map((r) => [keyOf(r), r]));
    if (moved)
      for (const { employeeId, month } of new Map(
        wanted.map((w) => [`${w.employeeId}|${w.month}`, w]),
      ).values())
        for (const row of await deps.days.monthRowsOf(employeeId, month)) {
          const dates = new Set(
            days.filter((d) => d.employeeId === employeeId && d.siteId !== row.siteId).map((d) => d.workDate),
          );
          if (row.days.some((d) => dates.has(d.workDate)))
            rows.set(keyOf(row), {
              ...row,
              days: row.days.filter((d) => !dates.has(d.workDate)),
              updatedAt: at,
            });
        }
    for (const d of days) {
      const key = keyOf({ month: d.workDate.slice(0, 7), siteId: d.siteId, employeeId: d.employeeId });
      rows.set(key, withDay(rows.get(key), d, at));
    }
    await deps.days.saveMonthRows([...rows.values()]);
  };

  /** Takes positions off punches past their site's keeping time (a few days back, for missed runs). */
  const forgetPositions = async (sites: readonly Site[]) => {
    let forgotten = 0;
    for (const site of sites) {
      const today = localDate(clock.now(), site.timeZone);
      for (let back = 1; back <= catchUpDays; back++) {
        const workDate = addDays(today, -site.positionRetentionDays - back);
        const due = (await deps.punches.ofWorkDate(workDate, site.id)).filter(
          (p) => p.position && (p.positionKeptUntil ?? '') < today,
        );
        if (due.length > 0) await deps.punches.forgetPositions(due);
        forgotten += due.length;
      }
    }
    return forgotten;
  };

  return {
    /**
     * The hourly sweep: every site's work dates that have ended and are not closed, since the site was
     * added and at most 35 days back; date by date, so a day's punches are read once for every site.
     */
    async sweep() {
      const now = clock.now();
      const sites = await setup.allSites();
      if (sites.length === 0) return { closed: [], forgotten: 0 };
      const allShifts = await everyPage((page) => setup.listShifts(page), 1000);
      const due = new Map<string, Site[]>();
      for (const site of sites) {
        const today = localDate(now, site.timeZone);
        const added = localDate(new Date(site.createdAt), site.timeZone);
        const from = added > addDays(today, -catchUpDays) ? added : addDays(today, -catchUpDays);
        const done = await deps.days.closedDates(site.id, from, today);
        for (let date = from; date <= today; date = addDays(date, 1))
          if (!done.has(date) && ended(site, date, allShifts))
            due.set(date, [...(due.get(date) ?? []), site]);
      }
      const closed: { siteId: string; workDate: string; people: number }[] = [];
      const failed: { siteId: string; workDate: string; error: string }[] = [];
      const dates = [...due.keys()].sort();
      const company = dates.length > 0 ? await loadCompany(dates[0] as string) : undefined;
      for (const workDate of dates) {
        let byPerson: Map<string, Punch[]> | undefined;
        for (const site of due.get(workDate) ?? []) {
          try {
            const { people, shifts, leaveBy } = company as NonNullable<typeof company>;
            if (!byPerson) {
              byPerson = new Map();
              for (const p of await deps.punches.ofWorkDate(workDate))
                byPerson.set(p.employeeId, [...(byPerson.get(p.employeeId) ?? []), p]);
            }
            const punchesOf = byPerson;
            const days = people.flatMap(({ person, rules }) => {
              if (!rules.sites.includes(site.id) || !employed(person, workDate)) return [];
              const punches = punchesOf.get(person.id) ?? [];
              if (daySiteOf(rules, punches) !== site.id) return [];
              return [dayOf(person, rules, site, workDate, punches, shifts, leaveBy.get(person.id) ?? [])];
            });
            await saveDays(days);
            await deps.days.markClosed(site.id, workDate, {
              people: days.length,
              computedAt: now.toISOString(),
            });
            closed.push({ siteId: site.id, workDate, people: days.length });
          } catch (error) {
            failed.push({ siteId: site.id, workDate, error: String((error as Error)?.message ?? error) });
          }
        }
      }
      const forgotten = await forgetPositions(sites);
      if (failed.length > 0)
        // Thrown after every other site is done: the run is retried, then dead-lettered with an alarm.
        throw new Error(
          `Attendance days failed for ${failed.map((f) => `${f.siteId} ${f.workDate}: ${f.error}`).join('; ')}`,
        );
      return { closed, forgotten };
    },

    forgetPositions,
    daysOf,

    /**
     * One person's ended days again (a late import, leave recorded afterwards); a date the sweep has
     * not closed yet gets the same day when it does.
     */
    async recompute(employeeId: string, workDates: readonly string[]) {
      const days = (await daysOf(employeeId, workDates, true)).map((d) => d.day);
      await saveDays(days, true);
      return days;
    },
  };
}

export type AttendanceDays = ReturnType<typeof makeAttendanceDays>;
