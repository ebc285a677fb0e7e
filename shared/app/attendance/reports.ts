import { randomBytes } from 'node:crypto';
import { readerStanding } from '#app/people/index.ts';
import {
  type Leave,
  leaveId,
  type MonthDay,
  NewLeave,
  type OvertimeClaim,
} from '#domain/attendance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { mapConcurrently } from '#kernel/concurrency.ts';
import { formatCsv } from '#kernel/csv.ts';
import { InvalidInputError, NotFoundError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { addDays, daysBetween, localDateTime } from '#kernel/time.ts';
import type {
  AttendanceDayStore,
  AttendanceSetupStore,
  LeaveStore,
  OvertimeClaimStore,
} from '#ports/attendance/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { AttendanceDays } from './days.ts';
import { claimTotals } from './overtime.ts';

export interface AttendanceReportDeps {
  setup: Pick<AttendanceSetupStore, 'allSites' | 'site'>;
  days: AttendanceDayStore;
  claims: Pick<OvertimeClaimStore, 'ofMonth'>;
  leaves: LeaveStore;
  recompute: AttendanceDays['recompute'];
  employees: Pick<EmployeeStore, 'get' | 'getMany' | 'listByDepartment'>;
  clock: Clock;
}

/** People per page of the monthly report. */
export const reportPageSize = 200;
export const maxDaysRead = 62;

const monthDays = (month: string) => {
  const first = `${month}-01`;
  const last = addDays(addDays(first, 32).slice(0, 8).concat('01'), -1);
  return { first, last };
};

/** A claim as the monthly report lists it. */
export const reportClaim = (c: OvertimeClaim) => ({
  id: c.id,
  workDate: c.workDate,
  claimedMinutes: c.claimedMinutes,
  evidencedMinutes: c.evidence.minutes,
  flagged: c.flagged,
  status: c.status,
});

/** A person's month: the totals a report shows, each from the days and claims listed beside them. */
export function monthTotals(days: readonly MonthDay[], claims: readonly OvertimeClaim[]) {
  const count = (status: MonthDay['status']) => days.filter((d) => d.status === status).length;
  return {
    days: days.length,
    present: count('present'),
    incomplete: count('incomplete'),
    absent: count('absent'),
    onLeave: count('on_leave'),
    rest: count('rest'),
    holidays: count('holiday'),
    late: {
      days: days.filter((d) => d.lateMinutes > 0).length,
      minutes: days.reduce((s, d) => s + d.lateMinutes, 0),
    },
    early: {
      days: days.filter((d) => d.earlyMinutes > 0).length,
      minutes: days.reduce((s, d) => s + d.earlyMinutes, 0),
    },
    workedMinutes: days.reduce((s, d) => s + d.workedMinutes, 0),
    flaggedPunches: days.reduce((s, d) => s + d.flaggedPunches, 0),
    overtime: {
      evidencedMinutes: days.reduce((s, d) => s + d.overtimeMinutes, 0),
      ...(({ claims: n, claimedMinutes, approvedMinutes, flagged }) => ({
        claims: n,
        claimedMinutes,
        approvedMinutes,
        flaggedClaims: flagged,
      }))(claimTotals(claims)),
    },
  };
}

/**
 * What attendance shows HR and the line: someone's days; the monthly report per site or department,
 * person by person, each day in its site's zone, as JSON or as CSV for Excel; the company-wide summary
 * by site and zone. Leave is recorded here too (a simple record for now), and the days it covers are
 * computed again.
 */
export function makeAttendanceReports(deps: AttendanceReportDeps) {
  const { days, clock } = deps;

  return {
    async daysOf(actor: Principal, employeeId: string, from: string, to: string) {
      const reader = await readerStanding(deps.employees, actor, employeeId, 'attendance:manage');
      if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
      if (to < from || daysBetween(from, to) >= maxDaysRead)
        throw new InvalidInputError(`From a day up to ${maxDaysRead} days on.`, [
          { field: 'to', message: `On or after from, and at most ${maxDaysRead - 1} days after it` },
        ]);
      return days.between(employeeId, from, to);
    },

    /**
     * The month for the people of a site (those whose days were there) or of a department, 200 a page
     * in employee order; `after` is the last employee of the page before.
     */
    async report(
      actor: Principal,
      query: {
        month: string;
        siteId?: string | undefined;
        departmentId?: string | undefined;
        after?: string | undefined;
      },
    ) {
      requirePermission(actor, 'attendance:manage');
      const { first, last } = monthDays(query.month);
      const people = new Map<string, MonthDay[]>();
      let more = false;
      const add = (employeeId: string, days: readonly MonthDay[]) =>
        people.set(
          employeeId,
          [...(people.get(employeeId) ?? []), ...days].sort((a, b) => a.workDate.localeCompare(b.workDate)),
        );
      if (query.siteId) {
        if (!(await deps.setup.site(query.siteId))) throw new NotFoundError(`Site ${query.siteId}`);
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await days.monthRowsPage(
            query.month,
            query.siteId,
            { limit: reportPageSize - people.size, ...(startKey ? { startKey } : {}) },
            query.after,
          );
          for (const row of page.items) add(row.employeeId, row.days);
          startKey = page.nextKey;
          more = startKey !== undefined;
        } while (startKey && people.size < reportPageSize);
      } else if (query.departmentId) {
        const members = (
          await everyPage((page) => deps.employees.listByDepartment(query.departmentId as string, page), 1000)
        )
          .map((e) => e.id)
          .sort()
          .filter((id) => query.after === undefined || id > query.after);
        more = members.length > reportPageSize;
        const rows = await mapConcurrently(members.slice(0, reportPageSize), 8, (id) =>
          days.monthRowsOf(id, query.month),
        );
        members.slice(0, reportPageSize).forEach((id, n) => {
          add(
            id,
            (rows[n] ?? []).flatMap((r) => r.days),
          );
        });
      } else
        throw new InvalidInputError('A report is of a site or of a department.', [
          { field: 'siteId', message: 'Give siteId or departmentId' },
        ]);
      const ids = [...people.keys()];
      const [records, claims] = await Promise.all([
        deps.employees.getMany(ids),
        ids.length > 0 ? deps.claims.ofMonth(query.month, ids[0] as string, ids.at(-1) as string) : [],
      ]);
      const claimsBy = new Map<string, OvertimeClaim[]>();
      for (const c of claims)
        if (people.has(c.employeeId)) claimsBy.set(c.employeeId, [...(claimsBy.get(c.employeeId) ?? []), c]);
      const rows = ids.map((employeeId) => {
        const person = records.get(employeeId);
        const ofDays = people.get(employeeId) ?? [];
        const theirs = claimsBy.get(employeeId) ?? [];
        return {
          employeeId,
          name: person?.name ?? employeeId,
          ...(person?.nameLatin ? { nameLatin: person.nameLatin } : {}),
          days: ofDays,
          totals: monthTotals(ofDays, theirs),
          claims: theirs.map(reportClaim),
        };
      });
      const lastEmployee = [...people.keys()].at(-1);
      return {
        month: query.month,
        from: first,
        to: last,
        ...(query.siteId ? { siteId: query.siteId } : {}),
        ...(query.departmentId ? { departmentId: query.departmentId } : {}),
        people: rows,
        ...(more && lastEmployee ? { nextAfter: lastEmployee } : {}),
      };
    },

    /** Every site's month in one line each: its zone, people and days, and the totals. */
    async summary(actor: Principal, month: string) {
      requirePermission(actor, 'attendance:manage');
      const sites = await deps.setup.allSites();
      const lines = [];
      for (const site of sites.sort((a, b) => a.id.localeCompare(b.id))) {
        const rows = await everyPage((page) => days.monthRowsPage(month, site.id, page), 1000);
        const { overtime, ...totals } = monthTotals(
          rows.flatMap((r) => r.days),
          [],
        );
        lines.push({
          siteId: site.id,
          name: site.name,
          timeZone: site.timeZone,
          people: rows.length,
          ...totals,
          overtimeEvidencedMinutes: overtime.evidencedMinutes,
        });
      }
      return { month, sites: lines };
    },

    /** Leave for someone (HR): their days it covers that were computed are computed again. */
    async recordLeave(actor: Principal, body: NewLeave): Promise<Leave> {
      requirePermission(actor, 'attendance:manage');
      const input = NewLeave.parse(body);
      if (!(await deps.employees.get(input.employeeId)))
        throw new NotFoundError(`Employee ${input.employeeId}`);
      if (daysBetween(input.from, input.to) > 366)
        throw new InvalidInputError('Leave is recorded a year at a time at most.', [
          { field: 'to', message: 'Within a year of from' },
        ]);
      const now = clock.now();
      const leave: Leave = {
        id: leaveId(now, randomBytes(4).toString('hex')),
        ...input,
        recordedBy: actor.employeeId,
        recordedAt: now.toISOString(),
      };
      await deps.leaves.create(leave);
      const covered = Array.from({ length: daysBetween(leave.from, leave.to) + 1 }, (_, n) =>
        addDays(leave.from, n),
      );
      await deps.recompute(leave.employeeId, covered);
      return leave;
    },

    async leaveOf(actor: Principal, employeeId: string) {
      const reader = await readerStanding(deps.employees, actor, employeeId, 'attendance:manage');
      if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
      return (await deps.leaves.of(employeeId)).sort((a, b) => a.from.localeCompare(b.from));
    },
  };
}

/** The report as CSV (UTF-8 with a BOM, for Excel): a line per person and day, times in the site's zone. */
export function reportCsv(report: Awaited<ReturnType<ReturnType<typeof makeAttendanceReports>['report']>>) {
  const local = (instant: string | undefined, zone: string) =>
    instant ? localDateTime(new Date(instant), zone).slice(0, 16).replace('T', ' ') : '';
  const claimed = (claims: readonly ReturnType<typeof reportClaim>[], date: string) =>
    claims.filter((c) => c.workDate === date).reduce((s, c) => s + c.claimedMinutes, 0);
  return formatCsv([
    [
      'employeeId',
      'name',
      'workDate',
      'siteId',
      'timeZone',
      'status',
      'shift',
      'firstIn',
      'lastOut',
      'workedMinutes',
      'lateMinutes',
      'earlyMinutes',
      'missing',
      'overtimeEvidencedMinutes',
      'overtimeClaimedMinutes',
      'flaggedPunches',
    ],
    ...report.people.flatMap((p) =>
      p.days.map((d) => [
        p.employeeId,
        p.nameLatin ? `${p.name} ${p.nameLatin}` : p.name,
        d.workDate,
        d.siteId,
        d.timeZone,
        d.status,
        d.shiftId ?? '',
        local(d.firstIn, d.timeZone),
        local(d.lastOut, d.timeZone),
        d.workedMinutes,
        d.lateMinutes,
        d.earlyMinutes,
        d.missing.join(' '),
        d.overtimeMinutes,
        claimed(p.claims, d.workDate),
        d.flaggedPunches,
      ]),
    ),
  ]);
}

export type AttendanceReports = ReturnType<typeof makeAttendanceReports>;
