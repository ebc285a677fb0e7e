import { CalendarDate, EmployeeId, stampedId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** LV + the UTC time to the second + random hex. */
export const LeaveId = z
  .string()
  .check(z.regex(/^LV\d{14}[0-9a-f]{8}$/, 'A leave id looks like LV20261201090000a1b2c3d4'));
export const leaveId = stampedId('LV');

export const LeaveKind = z.enum(['annual', 'sick', 'personal', 'parental', 'other']);

/** Leave, as a simple record HR keeps for now: days someone is away and not absent. */
export const NewLeave = z
  .strictObject({
    employeeId: EmployeeId,
    kind: LeaveKind,
    from: CalendarDate,
    to: CalendarDate,
    note: z.optional(upTo(500)),
  })
  .check(z.refine((l) => l.to >= l.from, { message: 'Ends on or after it begins', path: ['to'] }));
export type NewLeave = z.infer<typeof NewLeave>;

/**
 * Item (table Hr): pk = LEAVE#<employeeId>  sk = <from>#<id>;  gsi1pk = LEAVES  gsi1sk = <to>#<id>
 * (the leave that has not ended by a day: what the daily job reads).
 */
export const Leave = z.object({
  id: LeaveId,
  employeeId: EmployeeId,
  kind: LeaveKind,
  from: CalendarDate,
  to: CalendarDate,
  note: z.optional(upTo(500)),
  recordedBy: EmployeeId,
  recordedAt: Timestamp,
});
export type Leave = z.infer<typeof Leave>;

export const leaveKeys = {
  all: 'LEAVES',
  partition: (employeeId: string) => `LEAVE#${employeeId}`,
  item: (l: Pick<Leave, 'employeeId' | 'from' | 'id'>) => ({
    pk: `LEAVE#${l.employeeId}`,
    sk: `${l.from}#${l.id}`,
  }),
};

export const leaveOn = (leaves: readonly Leave[], date: string) =>
  leaves.find((l) => l.from <= date && date <= l.to);
