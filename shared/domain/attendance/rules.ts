import { CalendarDate, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { ShiftId } from './shift.ts';
import { SiteId } from './site.ts';

/** A shift someone (or a department) works from a day, until a day (or for good). */
export const ShiftAssignment = z
  .strictObject({ shiftId: ShiftId, from: CalendarDate, to: z.optional(CalendarDate) })
  .check(
    z.refine((a) => a.to === undefined || a.to >= a.from, {
      message: 'Ends on or after it begins',
      path: ['to'],
    }),
  );
export type ShiftAssignment = z.infer<typeof ShiftAssignment>;

/** A device id as the app reports it. */
export const DeviceId = z
  .string()
  .check(z.minLength(4), z.maxLength(100), z.regex(/^[\w.:-]+$/, 'Letters, digits, _ . : -'));

export const NewAttendanceRules = z
  .strictObject({
    /** The sites they may work at: a punch is checked against each. */
    sites: z.array(SiteId).check(z.minLength(1), z.maxLength(10)),
    shifts: z.array(ShiftAssignment).check(z.maxLength(50)),
    /** The devices their punches may come from (others are flagged); a department's apply to no one. */
    devices: z._default(z.array(DeviceId).check(z.maxLength(5)), []),
  })
  .check(
    z.refine((r) => !overlapping(r.shifts), {
      message: 'Two assignments cover the same day',
      path: ['shifts'],
    }),
  );
export type NewAttendanceRules = z.input<typeof NewAttendanceRules>;

const overlapping = (shifts: readonly ShiftAssignment[]) =>
  shifts.some((a, i) =>
    shifts.some((b, j) => j > i && a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31')),
  );

/**
 * Where and when someone works: set per employee, or per department for everyone in it without
 * their own (the nearest department up that has some). Items (table Hr):
 *   pk = ATTRULES#EMPLOYEE#<id> | ATTRULES#DEPARTMENT#<id>   sk = RULES
 */
export const AttendanceRules = z.object({
  scope: z.enum(['employee', 'department']),
  id: upTo(20),
  sites: z.array(SiteId).check(z.maxLength(10)),
  shifts: z.array(ShiftAssignment).check(z.maxLength(50)),
  devices: z.array(DeviceId).check(z.maxLength(5)),
  version: z.int().check(z.positive()),
  updatedBy: EmployeeId,
  updatedAt: Timestamp,
});
export type AttendanceRules = z.infer<typeof AttendanceRules>;

export const rulesKeys = {
  item: (scope: AttendanceRules['scope'], id: string) => ({
    pk: `ATTRULES#${scope.toUpperCase()}#${id}`,
    sk: 'RULES',
  }),
};

/** The shift assigned on a date, if any. */
export const assignedShift = (rules: Pick<AttendanceRules, 'shifts'>, date: string) =>
  rules.shifts.find((a) => a.from <= date && (a.to === undefined || date <= a.to))?.shiftId;

/** Someone's location consent: whether their punches may carry their position. */
export const LocationConsent = z.object({
  employeeId: EmployeeId,
  given: z.boolean(),
  /** The text they agreed to, by version, so a later change of wording asks again. */
  noticeVersion: z.int().check(z.positive()),
  at: Timestamp,
});
export type LocationConsent = z.infer<typeof LocationConsent>;
export const consentKeys = {
  item: (employeeId: string) => ({ pk: `LOCCONSENT#${employeeId}`, sk: 'CONSENT' }),
};
