import { reportCsv } from '#app/attendance/index.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import {
  attendanceReportsApi,
  attendanceSetupApi,
  overtimeApi,
  punchesApi,
  wecomImport,
} from '#wiring/attendance.ts';
import { importWeComCheckinsRoute, listPunchesRoute, punchRoute } from './punchRoutes.ts';
import {
  claimOvertimeRoute,
  decideOvertimeClaimRoute,
  getAttendanceReportRoute,
  getAttendanceSummaryRoute,
  getOvertimeClaimRoute,
  listAttendanceDaysRoute,
  listAwaitingClaimsRoute,
  listLeaveRoute,
  listOvertimeClaimsRoute,
  recordLeaveRoute,
} from './reportRoutes.ts';
import {
  changeSiteRoute,
  defineShiftRoute,
  defineSiteRoute,
  getEmployeeRulesRoute,
  getShiftRoute,
  getSiteRoute,
  listShiftsRoute,
  listSitesRoute,
  setDepartmentRulesRoute,
  setEmployeeRulesRoute,
  setLocationConsentRoute,
} from './setupRoutes.ts';

const setup = attendanceSetupApi();
const punches = punchesApi();
const reports = attendanceReportsApi();
const overtime = overtimeApi();
const importCheckins = wecomImport();

export const handler = httpApi(
  [
    bindRoute(defineSiteRoute, async ({ principal, body }) => {
      const site = await forBody(() => setup.defineSite(principal, body));
      return {
        status: 201,
        body: site,
        headers: { etag: etagOf(site.version), location: `/v1/sites/${site.id}` },
      };
    }),
    bindPagedRoute(listSitesRoute, cursors, ({ principal }, page) => setup.sites(principal, page)),
    bindRoute(getSiteRoute, async ({ principal, params }) => {
      const site = await setup.site(principal, params.id);
      return { status: 200, body: site, headers: { etag: etagOf(site.version) } };
    }),
    bindRoute(changeSiteRoute, async ({ principal, params, body, expectedVersion }) => {
      const site = await forBody(() => setup.changeSite(principal, params.id, body, expectedVersion));
      return { status: 200, body: site, headers: { etag: etagOf(site.version) } };
    }),
    bindRoute(defineShiftRoute, async ({ principal, body }) => {
      const shift = await forBody(() => setup.defineShift(principal, body));
      return { status: 201, body: shift, headers: { location: `/v1/shifts/${shift.id}` } };
    }),
    bindPagedRoute(listShiftsRoute, cursors, ({ principal }, page) => setup.shifts(principal, page)),
    bindRoute(getShiftRoute, async ({ principal, params }) => ({
      status: 200,
      body: await setup.shift(principal, params.id),
    })),
    bindRoute(setEmployeeRulesRoute, async ({ principal, params, body, expectedVersion }) => {
      const rules = await forBody(() =>
        setup.setRules(principal, 'employee', params.id, body, expectedVersion),
      );
      return { status: 200, body: rules, headers: { etag: etagOf(rules.version) } };
    }),
    bindRoute(setDepartmentRulesRoute, async ({ principal, params, body, expectedVersion }) => {
      const rules = await forBody(() =>
        setup.setRules(principal, 'department', params.id, body, expectedVersion),
      );
      return { status: 200, body: rules, headers: { etag: etagOf(rules.version) } };
    }),
    bindRoute(getEmployeeRulesRoute, async ({ principal, params }) => {
      const rules = await setup.rulesOf(principal, params.id);
      return { status: 200, body: rules, headers: { etag: etagOf(rules.own?.version ?? 0) } };
    }),
    bindRoute(setLocationConsentRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await setup.recordConsent(principal, params.id, body.given),
    })),
    bindRoute(punchRoute, async ({ principal, body }) => ({
      status: 201,
      body: await forBody(() => punches.punch(principal, body)),
    })),
    bindRoute(listPunchesRoute, async ({ principal, query }) => ({
      status: 200,
      body: {
        items: await forBody(() => punches.list(principal, query.employeeId, query.from, query.to), 'query'),
      },
    })),
    bindRoute(importWeComCheckinsRoute, async ({ principal, body }) => ({
      status: 200,
      body: await forBody(() => importCheckins(principal, body)),
    })),
    bindRoute(listAttendanceDaysRoute, async ({ principal, params, query }) => ({
      status: 200,
      body: {
        items: await forBody(() => reports.daysOf(principal, params.id, query.from, query.to), 'query'),
      },
    })),
    bindRoute(getAttendanceReportRoute, async ({ principal, query }) => {
      const report = await forBody(() => reports.report(principal, query), 'query');
      if (query.format !== 'csv') return { status: 200, body: report };
      const next = report.nextAfter
        ? `</v1/attendance/report?${new URLSearchParams({ ...query, after: report.nextAfter }).toString()}>; rel="next"`
        : undefined;
      return {
        status: 200,
        text: reportCsv(report),
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="attendance-${query.month}-${query.siteId ?? query.departmentId ?? ''}.csv"`,
          'cache-control': 'private, no-store',
          ...(next ? { link: next } : {}),
        },
      };
    }),
    bindRoute(getAttendanceSummaryRoute, async ({ principal, query }) => ({
      status: 200,
      body: await reports.summary(principal, query.month),
    })),
    bindRoute(recordLeaveRoute, async ({ principal, body }) => ({
      status: 201,
      body: await forBody(() => reports.recordLeave(principal, body)),
    })),
    bindRoute(listLeaveRoute, async ({ principal, params }) => ({
      status: 200,
      body: { items: await reports.leaveOf(principal, params.id) },
    })),
    bindRoute(claimOvertimeRoute, async ({ principal, body }) => ({
      status: 201,
      body: await forBody(() => overtime.claim(principal, body)),
    })),
    bindRoute(listOvertimeClaimsRoute, async ({ principal, query }) => ({
      status: 200,
      body: await overtime.ofEmployee(principal, query.employeeId, query.month),
    })),
    bindPagedRoute(listAwaitingClaimsRoute, cursors, async ({ principal, query }, page) =>
      query.for === 'hr' ? overtime.awaitingHr(principal, page) : overtime.awaiting(principal, page),
    ),
    bindRoute(getOvertimeClaimRoute, async ({ principal, params }) => ({
      status: 200,
      body: await overtime.get(principal, params.id),
    })),
    bindRoute(decideOvertimeClaimRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => overtime.decide(principal, params.id, body)),
    })),
  ],
  apiOptions(),
);
