import { CalendarDate, EmployeeId, stampedId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** OT + the UTC time to the second + random hex. */
export const OvertimeClaimId = z
  .string()
  .check(z.regex(/^OT\d{14}[0-9a-f]{8}$/, 'A claim id looks like OT20261201090000a1b2c3d4'));
export const overtimeClaimId = stampedId('OT');

export const NewOvertimeClaim = z.strictObject({
  workDate: CalendarDate,
  /** In quarters of an hour. */
  hours: z.number().check(
    z.gt(0),
    z.lte(24),
    z.refine((h) => Number.isInteger(h * 4), 'In quarters of an hour: 0.25, 0.5, 0.75 …'),
  ),
  reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
});
export type NewOvertimeClaim = z.infer<typeof NewOvertimeClaim>;

export const ClaimEvidence = z.object({
  minutes: z.int(),
  before: z.int(),
  after: z.int(),
  dayOff: z.int(),
  toleranceMinutes: z.int(),
  beforeShiftCounts: z.optional(z.boolean()),
  shift: z.optional(z.object({ id: upTo(40), start: Timestamp, end: Timestamp })),
  /** The accepted punch pairs it rests on. */
  pairs: z
    .array(z.object({ in: upTo(40), out: upTo(40), start: Timestamp, end: Timestamp }))
    .check(z.maxLength(20)),
  flaggedPunches: z.int(),
  computedAt: Timestamp,
});
export type ClaimEvidence = z.infer<typeof ClaimEvidence>;

export const Approver = z.object({
  /** Absent when HR decides. */
  employeeId: z.optional(EmployeeId),
  because: z.enum(['manager', 'outside_referral_tree', 'hr']),
  /** For a key person's claim: the people the approver may not be (her referral tree, herself). */
  excluded: z.optional(z.array(EmployeeId).check(z.maxLength(5000))),
});
export type Approver = z.infer<typeof Approver>;

/**
 * An overtime claim and what the punches say of it. Items (table Hr):
 *   pk = OTCLAIM#<id>  sk = CLAIM
 *   gsi1pk = OTCLAIMS#<employeeId>  gsi1sk = <workDate>#<id>   (someone's claims by date)
 *   gsi2pk = OTAPPROVER#<approverId or hr>  gsi2sk = <status>#<workDate>#<id>   (what waits for whom)
 *   pk = OTCLAIMMONTH#<YYYY-MM>  sk = <employeeId>#<workDate>#<id>   (a copy, written with it: a month's
 *   claims person by person, for the report)
 */
export const OvertimeClaim = z.object({
  id: OvertimeClaimId,
  employeeId: EmployeeId,
  workDate: CalendarDate,
  claimedMinutes: z.int(),
  reason: upTo(500),
  /** The reason as compared with others: lower case, spaces and punctuation folded. */
  reasonKey: upTo(500),
  evidence: ClaimEvidence,
  marginMinutes: z.int(),
  /** What the person's other claims for the same day (not rejected) ask: the evidence covers them all. */
  otherClaimsMinutes: z._default(z.int(), 0),
  /** Claimed with the other claims of the day beyond the evidence by more than the margin. */
  flagged: z.boolean(),
  excessMinutes: z.int(),
  keyPerson: z.optional(z.object({ score: z.number(), threshold: z.number() })),
  approver: Approver,
  status: z.enum(['pending', 'approved', 'rejected']),
  decision: z.optional(
    z.object({
      by: EmployeeId,
      at: Timestamp,
      outcome: z.enum(['approved', 'rejected']),
      comment: upTo(1000),
    }),
  ),
  createdAt: Timestamp,
  version: z.int().check(z.positive()),
});
export type OvertimeClaim = z.infer<typeof OvertimeClaim>;

export const claimKeys = {
  item: (id: string) => ({ pk: `OTCLAIM#${id}`, sk: 'CLAIM' }),
  byEmployee: (employeeId: string) => `OTCLAIMS#${employeeId}`,
  byApprover: (approverId: string | undefined) => `OTAPPROVER#${approverId ?? 'hr'}`,
  month: (c: Pick<OvertimeClaim, 'employeeId' | 'workDate' | 'id'>) => ({
    pk: `OTCLAIMMONTH#${c.workDate.slice(0, 7)}`,
    sk: `${c.employeeId}#${c.workDate}#${c.id}`,
  }),
};

/** A reason as compared: case, spaces and punctuation do not make it another. */
export const reasonKeyOf = (reason: string) =>
  reason
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();

/** A claim against its evidence: flagged when it exceeds it by more than the margin. */
export function checkClaim(claimedMinutes: number, evidencedMinutes: number, marginMinutes: number) {
  const excess = Math.max(0, claimedMinutes - evidencedMinutes);
  return { flagged: excess > marginMinutes, excessMinutes: excess };
}
