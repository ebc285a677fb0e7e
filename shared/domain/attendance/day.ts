import { CalendarDate, EmployeeId, Timestamp, TimeZone } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import type { Punch } from './punch.ts';
import { type Shift, type ShiftDay, scheduledMinutes } from './shift.ts';

const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / 60_000));
const overlap = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return end > start ? minutesBetween(start, end) : 0;
};
const FAR_PAST = new Date(0);
const FAR_FUTURE = new Date(8.64e15);

/** Accepted punches in order, paired first with second, third with fourth…; an odd last one is alone. */
export function punchPairs(punches: readonly Pick<Punch, 'id' | 'at' | 'verdict'>[]) {
  const accepted = punches
    .filter((p) => p.verdict.status === 'accepted')
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const pairs: { in: string; out: string; start: Date; end: Date }[] = [];
  for (let i = 0; i + 1 < accepted.length; i += 2) {
    const a = accepted[i] as (typeof accepted)[number];
    const b = accepted[i + 1] as (typeof accepted)[number];
    pairs.push({ in: a.id, out: b.id, start: new Date(a.at), end: new Date(b.at) });
  }
  const alone = accepted.length % 2 === 1 ? (accepted.at(-1) as (typeof accepted)[number]) : undefined;
  return { accepted, pairs, alone };
}

/**
 * Overtime the punches evidence on a work date: time covered by accepted pairs after the shift's end
 * (and before its start, where the rule lets that count), less the tolerance on each side; on a day
 * off, all the time worked less the tolerance once. Minutes, with each part shown.
 */
export function evidencedOvertime(
  pairs: readonly { start: Date; end: Date }[],
  shiftDay: ShiftDay | undefined,
  rule: Shift['overtime'],
  working: boolean,
  worked: number,
) {
  const tolerance = rule.toleranceMinutes;
  if (!working || !shiftDay) {
    return {
      before: 0,
      after: 0,
      dayOff: worked,
      toleranceMinutes: tolerance,
      minutes: Math.max(0, worked - tolerance),
    };
  }
  const before = pairs.reduce((sum, p) => sum + overlap(p, { start: FAR_PAST, end: shiftDay.start }), 0);
  const after = pairs.reduce((sum, p) => sum + overlap(p, { start: shiftDay.end, end: FAR_FUTURE }), 0);
  const counted =
    Math.max(0, after - tolerance) + (rule.beforeShiftCounts ? Math.max(0, before - tolerance) : 0);
  return {
    before,
    after,
    dayOff: 0,
    toleranceMinutes: tolerance,
    beforeShiftCounts: rule.beforeShiftCounts,
    minutes: counted,
  };
}

export const DayStatus = z.enum(['present', 'incomplete', 'absent', 'on_leave', 'rest', 'holiday']);
export type DayStatus = z.infer<typeof DayStatus>;

/**
 * One person's attendance on one work date, computed from their punches by the daily job (and again
 * for a day that changes). Item (table Hr): pk = ATTDAY#<employeeId>  sk = <workDate>; a month's
 * row per person and site (below) holds the days in brief for the report.
 */
export const AttendanceDay = z.object({
  employeeId: EmployeeId,
  workDate: CalendarDate,
  siteId: upTo(40),
  timeZone: TimeZone,
  status: DayStatus,
  holiday: z.optional(upTo(100)),
  leave: z.optional(z.object({ id: upTo(40), kind: upTo(40) })),
  shift: z.optional(z.object({ id: upTo(40), start: Timestamp, end: Timestamp, scheduledMinutes: z.int() })),
  firstIn: z.optional(Timestamp),
  lastOut: z.optional(Timestamp),
  workedMinutes: z.int(),
  lateMinutes: z.int(),
  earlyMinutes: z.int(),
  missing: z.array(z.enum(['in', 'out'])).check(z.maxLength(2)),
  overtime: z.object({
    before: z.int(),
    after: z.int(),
    dayOff: z.int(),
    toleranceMinutes: z.int(),
    beforeShiftCounts: z.optional(z.boolean()),
    minutes: z.int(),
  }),
  punches: z.object({ accepted: z.int(), flagged: z.int() }),
  flagged: z
    .array(z.object({ punchId: upTo(40), at: Timestamp, reasons: z.array(upTo(40)).check(z.maxLength(12)) }))
    .check(z.maxLength(50)),
  computedAt: Timestamp,
});
export type AttendanceDay = z.infer<typeof AttendanceDay>;

export const dayKeys = {
  item: (employeeId: string, workDate: string) => ({ pk: `ATTDAY#${employeeId}`, sk: workDate }),
};

export interface DayInput {
  employeeId: string;
  workDate: string;
  siteId: string;
  timeZone: string;
  /** The shift on that date (none: nothing was scheduled). */
  shift?: { shift: Shift; day: ShiftDay } | undefined;
  calendar: { working: boolean; holiday?: string | undefined };
  leave?: { id: string; kind: string } | undefined;
  punches: readonly Punch[];
  computedAt: string;
}

/**
 * A work date's attendance from its punches: worked time is what accepted pairs cover (less the
 * break), late from the first punch after start plus grace, early from the last before end less
 * grace, a missing check-in or check-out, absence on a working day with none; with the overtime the
 * punches evidence. Pure: the same punches and rules give the same day.
 */
export function attendanceDayOf(input: DayInput): AttendanceDay {
  const { pairs, accepted, alone } = punchPairs(input.punches);
  // A shift's hours, break, lateness and earliness hold on working days; on a day off all time is extra.
  const shiftDay = input.calendar.working ? input.shift?.day : undefined;
  const breakTime = shiftDay?.break;
  const worked = pairs.reduce(
    (sum, p) => sum + minutesBetween(p.start, p.end) - (breakTime ? overlap(p, breakTime) : 0),
    0,
  );
  const working = input.calendar.working && shiftDay !== undefined;
  const first = accepted[0];
  const last = pairs.at(-1);
  const rule = input.shift?.shift;
  const lateMinutes =
    working &&
    first &&
    rule &&
    shiftDay &&
    new Date(first.at) > new Date(shiftDay.start.getTime() + rule.graceLateMinutes * 60_000)
      ? minutesBetween(shiftDay.start, new Date(first.at))
      : 0;
  const earlyMinutes =
    working &&
    last &&
    rule &&
    shiftDay &&
    last.end < new Date(shiftDay.end.getTime() - rule.graceEarlyMinutes * 60_000)
      ? minutesBetween(last.end, shiftDay.end)
      : 0;
  const missing: ('in' | 'out')[] =
    accepted.length === 0 ? (working ? ['in', 'out'] : []) : alone ? ['out'] : [];
  const status: DayStatus = input.leave
    ? 'on_leave'
    : !input.calendar.working || !shiftDay
      ? input.calendar.holiday
        ? 'holiday'
        : 'rest'
      : accepted.length === 0
        ? 'absent'
        : missing.length > 0
          ? 'incomplete'
          : 'present';
  const flagged = input.punches.filter((p) => p.verdict.status === 'flagged');
  return {
    employeeId: input.employeeId,
    workDate: input.workDate,
    siteId: input.siteId,
    timeZone: input.timeZone,
    status,
    ...(input.calendar.holiday ? { holiday: input.calendar.holiday } : {}),
    ...(input.leave ? { leave: input.leave } : {}),
    ...(shiftDay
      ? {
          shift: {
            id: shiftDay.shiftId,
            start: shiftDay.start.toISOString(),
            end: shiftDay.end.toISOString(),
            scheduledMinutes: scheduledMinutes(shiftDay),
          },
        }
      : {}),
    ...(first ? { firstIn: first.at } : {}),
    ...(last ? { lastOut: last.end.toISOString() } : {}),
    workedMinutes: worked,
    lateMinutes,
    earlyMinutes,
    missing,
    overtime: rule
      ? evidencedOvertime(pairs, shiftDay, rule.overtime, input.calendar.working, worked)
      : { before: 0, after: 0, dayOff: worked, toleranceMinutes: 0, minutes: worked },
    punches: { accepted: accepted.length, flagged: flagged.length },
    flagged: flagged
      .slice(0, 50)
      .map((p) => ({ punchId: p.id, at: p.at, reasons: p.verdict.reasons.map((r) => r.code) })),
    computedAt: input.computedAt,
  };
}

/** A day as a month's row lists it: its numbers, in its site's zone. */
export const MonthDay = z.object({
  workDate: CalendarDate,
  siteId: upTo(40),
  timeZone: TimeZone,
  status: DayStatus,
  holiday: z.optional(upTo(100)),
  leave: z.optional(upTo(40)),
  shiftId: z.optional(upTo(40)),
  firstIn: z.optional(Timestamp),
  lastOut: z.optional(Timestamp),
  workedMinutes: z.int(),
  lateMinutes: z.int(),
  earlyMinutes: z.int(),
  missing: z.array(z.enum(['in', 'out'])).check(z.maxLength(2)),
  overtimeMinutes: z.int(),
  flaggedPunches: z.int(),
});
export type MonthDay = z.infer<typeof MonthDay>;

export const monthDayOf = (d: AttendanceDay): MonthDay => ({
  workDate: d.workDate,
  siteId: d.siteId,
  timeZone: d.timeZone,
  status: d.status,
  ...(d.holiday ? { holiday: d.holiday } : {}),
  ...(d.leave ? { leave: d.leave.kind } : {}),
  ...(d.shift ? { shiftId: d.shift.id } : {}),
  ...(d.firstIn ? { firstIn: d.firstIn } : {}),
  ...(d.lastOut ? { lastOut: d.lastOut } : {}),
  workedMinutes: d.workedMinutes,
  lateMinutes: d.lateMinutes,
  earlyMinutes: d.earlyMinutes,
  missing: d.missing,
  overtimeMinutes: d.overtime.minutes,
  flaggedPunches: d.punches.flagged,
});

/**
 * One person's month at a site, the days in brief: the read model of the monthly report, rewritten
 * whenever one of its days is (the days stay the record). Items (table Hr):
 *   pk = ATTROW#<YYYY-MM>#<siteId>  sk = <employeeId>
 *   gsi1pk = ATTROWS#<employeeId>  gsi1sk = <YYYY-MM>#<siteId>
 */
export const AttendanceMonth = z.object({
  employeeId: EmployeeId,
  month: z.string().check(z.maxLength(7)),
  siteId: upTo(40),
  days: z.array(MonthDay).check(z.maxLength(31)),
  updatedAt: Timestamp,
});
export type AttendanceMonth = z.infer<typeof AttendanceMonth>;

export const monthRowKeys = {
  item: (month: string, siteId: string, employeeId: string) => ({
    pk: `ATTROW#${month}#${siteId}`,
    sk: employeeId,
  }),
  partition: (month: string, siteId: string) => `ATTROW#${month}#${siteId}`,
  of: (employeeId: string) => `ATTROWS#${employeeId}`,
};

/** A month's row with a day put in (in place of the same date's), dates in order. */
export const withDay = (
  row: AttendanceMonth | undefined,
  day: AttendanceDay,
  at: string,
): AttendanceMonth => ({
  employeeId: day.employeeId,
  month: day.workDate.slice(0, 7),
  siteId: day.siteId,
  days: [...(row?.days ?? []).filter((d) => d.workDate !== day.workDate), monthDayOf(day)].sort((a, b) =>
    a.workDate.localeCompare(b.workDate),
  ),
  updatedAt: at,
});
