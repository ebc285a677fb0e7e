import { maxDaysRead } from '#app/attendance/index.ts';
import {
  AttendanceDay,
  Leave,
  NewLeave,
  NewOvertimeClaim,
  OvertimeClaim,
  OvertimeClaimId,
  SiteId,
} from '#domain/attendance/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const tag = 'attendance';
const DayView = AttendanceDay.check(z.meta({ id: 'AttendanceDay' }));
const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month, YYYY-MM'));
const Minutes = z.int();
/** What a month's days add up to, for a person and for a site. */
const DayCounts = {
  days: z.int(),
  present: z.int(),
  incomplete: z.int(),
  absent: z.int(),
  onLeave: z.int(),
  rest: z.int(),
  holidays: z.int(),
  late: z.object({ days: z.int(), minutes: Minutes }),
  early: z.object({ days: z.int(), minutes: Minutes }),
  workedMinutes: Minutes,
  flaggedPunches: z.int(),
};
const Totals = z
  .object({
    ...DayCounts,
    overtime: z.object({
      evidencedMinutes: Minutes,
      claims: z.int(),
      claimedMinutes: Minutes,
      approvedMinutes: Minutes,
      flaggedClaims: z.int(),
    }),
  })
  .check(z.meta({ id: 'AttendanceTotals' }));
/** A day as the report lists it; the day in full is GET /v1/employees/{id}/attendance-days. */
const ReportDay = z
  .object({
    workDate: CalendarDate,
    siteId: upTo(40),
    timeZone: upTo(64),
    status: AttendanceDay.shape.status,
    holiday: z.optional(upTo(100)),
    leave: z.optional(upTo(40)),
    shiftId: z.optional(upTo(40)),
    firstIn: z.optional(Timestamp),
    lastOut: z.optional(Timestamp),
    workedMinutes: Minutes,
    lateMinutes: Minutes,
    earlyMinutes: Minutes,
    missing: AttendanceDay.shape.missing,
    overtimeMinutes: Minutes,
    flaggedPunches: z.int(),
  })
  .check(z.meta({ id: 'AttendanceReportDay' }));
const ReportClaim = z
  .object({
    id: OvertimeClaimId,
    workDate: CalendarDate,
    claimedMinutes: Minutes,
    evidencedMinutes: Minutes,
    flagged: z.boolean(),
    status: OvertimeClaim.shape.status,
  })
  .check(z.meta({ id: 'AttendanceReportClaim' }));
const ClaimView = z
  .object({
    ...OvertimeClaim.shape,
    repeatedReason: z.object({
      /** Claims of the same person in the half year before with the same reason. */
      count: z.int(),
      claimIds: z.array(OvertimeClaimId).check(z.maxLength(10)),
    }),
  })
  .check(z.meta({ id: 'OvertimeClaim' }));

export const listAttendanceDaysRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/attendance-days',
  operationId: 'listAttendanceDays',
  summary: `Someone's attendance days from…to (up to ${maxDaysRead} days), each in its site's zone (the person, their line, HR)`,
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  query: z.strictObject({ from: CalendarDate, to: CalendarDate }),
  responses: {
    200: {
      description: 'Their days',
      body: z
        .object({ items: z.array(DayView).check(z.maxLength(maxDaysRead)) })
        .check(z.meta({ id: 'AttendanceDays' })),
    },
  },
});

export const getAttendanceReportRoute = defineRoute({
  method: 'GET',
  path: '/v1/attendance/report',
  operationId: 'getAttendanceReport',
  summary:
    'The month of a site or a department (HR), 200 people a page: per person the days (each in its site’s zone), lateness, absences, overtime claimed against evidenced, flagged punches; JSON, or with format=csv a file Excel opens',
  tag,
  auth: 'jwt',
  query: z.strictObject({
    month: Month,
    siteId: z.optional(SiteId),
    departmentId: z.optional(DepartmentId),
    after: z.optional(EmployeeId.check(z.describe('The nextAfter of the page before'))),
    format: z._default(z.enum(['json', 'csv']), 'json'),
  }),
  responses: {
    200: {
      description: 'A page of the report',
      mediaTypes: ['text/csv'],
      body: z
        .object({
          month: Month,
          from: CalendarDate,
          to: CalendarDate,
          siteId: z.optional(SiteId),
          departmentId: z.optional(DepartmentId),
          people: z
            .array(
              z.object({
                employeeId: EmployeeId,
                name: upTo(100),
                nameLatin: z.optional(upTo(100)),
                days: z.array(ReportDay).check(z.maxLength(31)),
                totals: Totals,
                claims: z.array(ReportClaim).check(z.maxLength(100)),
              }),
            )
            .check(z.maxLength(200)),
          nextAfter: z.optional(EmployeeId),
        })
        .check(z.meta({ id: 'AttendanceReport' })),
    },
  },
});

export const getAttendanceSummaryRoute = defineRoute({
  method: 'GET',
  path: '/v1/attendance/summary',
  operationId: 'getAttendanceSummary',
  summary: 'The company’s month by site and time zone (HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject({ month: Month }),
  responses: {
    200: {
      description: 'The summary',
      body: z
        .object({
          month: Month,
          sites: z
            .array(
              z.object({
                siteId: SiteId,
                name: inBothLanguages(100),
                timeZone: upTo(64),
                people: z.int(),
                ...DayCounts,
                overtimeEvidencedMinutes: Minutes,
              }),
            )
            .check(z.maxLength(1000)),
        })
        .check(z.meta({ id: 'AttendanceSummary' })),
    },
  },
});

const LeaveView = Leave.check(z.meta({ id: 'Leave' }));

export const recordLeaveRoute = defineRoute({
  method: 'POST',
  path: '/v1/leave',
  operationId: 'recordLeave',
  summary:
    'Record leave for someone (HR): the days it covers are on leave, not absent, and are computed again',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewLeave.check(z.meta({ id: 'NewLeave' })),
  responses: { 201: { description: 'Recorded', body: LeaveView } },
});

export const listLeaveRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/leave',
  operationId: 'listLeave',
  summary: 'Someone’s leave, by start (the person, their line, HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  responses: {
    200: {
      description: 'Their leave',
      body: z.object({ items: z.array(LeaveView).check(z.maxLength(1000)) }),
    },
  },
});

export const claimOvertimeRoute = defineRoute({
  method: 'POST',
  path: '/v1/overtime-claims',
  operationId: 'claimOvertime',
  summary:
    'Claim overtime for a day (for oneself): held against the overtime the day’s accepted punches evidence; above it by more than the margin, flagged with the numbers; routed to the manager, or for a key person to the first one above outside her referral tree',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewOvertimeClaim.check(z.meta({ id: 'NewOvertimeClaim' })),
  responses: { 201: { description: 'Claimed', body: ClaimView } },
});

export const listOvertimeClaimsRoute = defineRoute({
  method: 'GET',
  path: '/v1/overtime-claims',
  operationId: 'listOvertimeClaims',
  problems: ['not_found'],
  summary:
    'Someone’s claims in a month with claimed, evidenced and approved minutes (the person, their line, HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject({ employeeId: EmployeeId, month: Month }),
  responses: {
    200: {
      description: 'Their claims',
      body: z
        .object({
          employeeId: EmployeeId,
          month: Month,
          items: z.array(ClaimView).check(z.maxLength(100)),
          totals: z.object({
            claims: z.int(),
            claimedMinutes: Minutes,
            evidencedMinutes: Minutes,
            approvedMinutes: Minutes,
            flagged: z.int(),
          }),
        })
        .check(z.meta({ id: 'OvertimeClaimsOfMonth' })),
    },
  },
});

export const listAwaitingClaimsRoute = defineRoute({
  method: 'GET',
  path: '/v1/overtime-claims/awaiting',
  operationId: 'listAwaitingOvertimeClaims',
  summary: 'Pending claims routed to the caller to decide, or with for=hr those routed to HR (HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, for: z._default(z.enum(['me', 'hr']), 'me') }),
  responses: { 200: { description: 'A page', body: pageOf(ClaimView) } },
});

export const getOvertimeClaimRoute = defineRoute({
  method: 'GET',
  path: '/v1/overtime-claims/{id}',
  operationId: 'getOvertimeClaim',
  summary:
    'One claim with its evidence and the same reason’s earlier claims (the person, their line, the approver, HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: OvertimeClaimId }),
  responses: { 200: { description: 'The claim', body: ClaimView } },
});

export const decideOvertimeClaimRoute = defineRoute({
  method: 'POST',
  path: '/v1/overtime-claims/{id}/decision',
  operationId: 'decideOvertimeClaim',
  problems: ['claim_decided', 'approver_in_referral_tree'],
  summary:
    'Approve or reject with a comment (the approver, or HR; never the claimant, nor for a key person anyone in her referral tree); the evidence is read again first',
  tag,
  auth: 'jwt',
  params: z.object({ id: OvertimeClaimId }),
  body: z.strictObject({
    outcome: z.enum(['approved', 'rejected']),
    comment: z.string().check(z.trim(), z.minLength(2), z.maxLength(1000)),
  }),
  responses: { 200: { description: 'Decided', body: ClaimView } },
});

export const reportRoutes = [
  listAttendanceDaysRoute,
  getAttendanceReportRoute,
  getAttendanceSummaryRoute,
  recordLeaveRoute,
  listLeaveRoute,
  claimOvertimeRoute,
  listOvertimeClaimsRoute,
  listAwaitingClaimsRoute,
  getOvertimeClaimRoute,
  decideOvertimeClaimRoute,
];
