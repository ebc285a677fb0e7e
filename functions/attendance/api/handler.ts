import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { attendanceSetupApi, punchesApi } from '#wiring/attendance.ts';
import { listPunchesRoute, punchRoute } from './punchRoutes.ts';
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
  ],
  apiOptions(),
);
