import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import { inBothLanguages } from '#kernel/text.ts';
import { addDays, zonedInstant } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';

export const ShiftId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{1,39}$/, 'Lower-case letters, digits and -, as day or night-a'));

/** A wall-clock time, HH:mm (24 hours). */
export const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day, HH:mm'));

const minutes = (max: number) => z.int().check(z.gte(0), z.lte(max));

const shiftFields = {
  name: inBothLanguages(100),
  /** Local times at the site; an end at or before the start is on the next day (a night shift). */
  start: ClockTime,
  end: ClockTime,
  /** An unpaid break at a fixed time, not counted as worked (nor as overtime). */
  break: z.optional(z.strictObject({ start: ClockTime, minutes: z.int().check(z.gte(5), z.lte(240)) })),
  /** Minutes after the start that are not yet late, and before the end that are not yet early. */
  graceLateMinutes: z._default(minutes(120), 5),
  graceEarlyMinutes: z._default(minutes(120), 5),
  /** A punch counts for the shift from this long before its start to this long after its end. */
  window: z._default(
    z.strictObject({
      beforeStartMinutes: z._default(minutes(720), 120),
      afterEndMinutes: z._default(minutes(720), 360),
    }),
    { beforeStartMinutes: 120, afterEndMinutes: 360 },
  ),
  overtime: z._default(
    z.strictObject({
      /** Minutes beyond the shift taken off each side before it counts (leaving, packing up). */
      toleranceMinutes: z._default(minutes(120), 15),
      /** Whether time before the start counts as overtime (else only after the end). */
      beforeShiftCounts: z._default(z.boolean(), false),
      /** A claim above the evidence by more than this is flagged. */
      claimMarginMinutes: z._default(minutes(240), 15),
    }),
    { toleranceMinutes: 15, beforeShiftCounts: false, claimMarginMinutes: 15 },
  ),
};

export const NewShift = z.strictObject({ id: ShiftId, ...shiftFields }).check(
  z.refine((s) => s.start !== s.end, {
    message: 'A shift starts and ends at different times',
    path: ['end'],
  }),
);
export type NewShift = z.input<typeof NewShift>;

/** Item (table Hr): pk = SHIFT#<id>  sk = SHIFT  gsi1pk = SHIFTS  gsi1sk = <id>. */
export const Shift = z.object({
  id: ShiftId,
  ...shiftFields,
  createdBy: EmployeeId,
  createdAt: Timestamp,
});
export type Shift = z.infer<typeof Shift>;

export const shiftKeys = { item: (id: string) => ({ pk: `SHIFT#${id}`, sk: 'SHIFT' }), all: 'SHIFTS' };

/** A shift on one work date, in instants: its hours, break and the window its punches fall in. */
export interface ShiftDay {
  workDate: string;
  shiftId: string;
  timeZone: string;
  start: Date;
  end: Date;
  break?: { start: Date; end: Date };
  windowStart: Date;
  windowEnd: Date;
}

const plusMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/**
 * A shift on the day it starts, where it is worked: local times made instants in the site's zone
 * on that day (so a change of clocks moves them as it moves the site's day), a night shift's end on
 * the next day.
 */
export function shiftDayOf(shift: Shift, workDate: string, timeZone: string): ShiftDay {
  const overnight = shift.end <= shift.start;
  const start = zonedInstant(workDate, shift.start, timeZone);
  const end = zonedInstant(overnight ? addDays(workDate, 1) : workDate, shift.end, timeZone);
  const breakOn = shift.break && shift.break.start < shift.start ? addDays(workDate, 1) : workDate;
  const breakStart = shift.break ? zonedInstant(breakOn, shift.break.start, timeZone) : undefined;
  return {
    workDate,
    shiftId: shift.id,
    timeZone,
    start,
    end,
    ...(shift.break && breakStart
      ? { break: { start: breakStart, end: plusMinutes(breakStart, shift.break.minutes) } }
      : {}),
    windowStart: plusMinutes(start, -shift.window.beforeStartMinutes),
    windowEnd: plusMinutes(end, shift.window.afterEndMinutes),
  };
}

/** Scheduled minutes: from start to end, less the break. */
export const scheduledMinutes = (day: ShiftDay) =>
  Math.round((day.end.getTime() - day.start.getTime()) / 60_000) -
  (day.break ? Math.round((day.break.end.getTime() - day.break.start.getTime()) / 60_000) : 0);

/**
 * The shift day a punch belongs to, among the shifts of the days around it: the one whose window
 * holds it; where two windows hold it (a late night and an early morning), the one whose hours are
 * nearer. None: the punch is outside every window.
 */
export function shiftDayFor(at: Date, candidates: readonly ShiftDay[]): ShiftDay | undefined {
  const distance = (d: ShiftDay) =>
    at < d.start ? d.start.getTime() - at.getTime() : at > d.end ? at.getTime() - d.end.getTime() : 0;
  return candidates
    .filter((d) => at >= d.windowStart && at <= d.windowEnd)
    .sort((a, b) => distance(a) - distance(b) || a.workDate.localeCompare(b.workDate))[0];
}
