import {
  AttendanceRules,
  NewAttendanceRules,
  NewShift,
  NewSite,
  Shift,
  ShiftId,
  Site,
  SiteChange,
  SiteId,
} from '#domain/attendance/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const tag = 'attendance';
export const SiteView = Site.check(z.meta({ id: 'Site' }));
const ShiftView = Shift.check(z.meta({ id: 'Shift' }));
const RulesView = AttendanceRules.check(z.meta({ id: 'AttendanceRules' }));

export const defineSiteRoute = defineRoute({
  method: 'POST',
  path: '/v1/sites',
  operationId: 'defineSite',
  problems: ['site_exists'],
  summary: 'Add a site: its time zone, geofences, Wi-Fi networks, position keeping and calendar (HR)',
  tag,
  auth: 'jwt',
  body: NewSite.check(z.meta({ id: 'NewSite' })),
  responses: { 201: { description: 'Added', body: SiteView, headers: ['ETag', 'Location'] } },
});

export const listSitesRoute = defineRoute({
  method: 'GET',
  path: '/v1/sites',
  operationId: 'listSites',
  summary: 'Every site, by id (HR)',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(SiteView) } },
});

export const getSiteRoute = defineRoute({
  method: 'GET',
  path: '/v1/sites/{id}',
  operationId: 'getSite',
  summary: 'One site (HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: SiteId }),
  responses: { 200: { description: 'The site', body: SiteView, headers: ['ETag'] } },
});

export const changeSiteRoute = defineRoute({
  method: 'PUT',
  path: '/v1/sites/{id}',
  operationId: 'changeSite',
  summary: 'Set a site whole: a new year’s holidays, a moved geofence, another network (HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: SiteId }),
  body: SiteChange.check(z.meta({ id: 'SiteChange' })),
  requiresIfMatch: true,
  responses: { 200: { description: 'The site', body: SiteView, headers: ['ETag'] } },
});

export const defineShiftRoute = defineRoute({
  method: 'POST',
  path: '/v1/shifts',
  operationId: 'defineShift',
  problems: ['shift_exists'],
  summary:
    'Add a shift: local start and end (an end at or before the start is the next day), break, grace, check-in window, overtime rule (HR)',
  tag,
  auth: 'jwt',
  body: NewShift.check(z.meta({ id: 'NewShift' })),
  responses: { 201: { description: 'Added', body: ShiftView, headers: ['Location'] } },
});

export const listShiftsRoute = defineRoute({
  method: 'GET',
  path: '/v1/shifts',
  operationId: 'listShifts',
  summary: 'Every shift, by id (HR)',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(ShiftView) } },
});

export const getShiftRoute = defineRoute({
  method: 'GET',
  path: '/v1/shifts/{id}',
  operationId: 'getShift',
  summary: 'One shift (HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: ShiftId }),
  responses: { 200: { description: 'The shift', body: ShiftView } },
});

const rulesBody = NewAttendanceRules.check(z.meta({ id: 'NewAttendanceRules' }));

export const setEmployeeRulesRoute = defineRoute({
  method: 'PUT',
  path: '/v1/employees/{id}/attendance-rules',
  operationId: 'setEmployeeAttendanceRules',
  problems: ['reference_not_found'],
  summary:
    'Set someone’s sites, shifts by date and devices, whole (HR); `If-Match: "v0"` when they have none of their own yet',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  body: rulesBody,
  requiresIfMatch: true,
  responses: { 200: { description: 'Their rules', body: RulesView, headers: ['ETag'] } },
});

export const setDepartmentRulesRoute = defineRoute({
  method: 'PUT',
  path: '/v1/departments/{id}/attendance-rules',
  operationId: 'setDepartmentAttendanceRules',
  problems: ['reference_not_found'],
  summary:
    'Set a department’s sites and shifts by date, for everyone in it (and below) without their own (HR); `If-Match: "v0"` the first time',
  tag,
  auth: 'jwt',
  params: z.object({ id: DepartmentId }),
  body: rulesBody,
  requiresIfMatch: true,
  responses: { 200: { description: 'Its rules', body: RulesView, headers: ['ETag'] } },
});

export const getEmployeeRulesRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/attendance-rules',
  operationId: 'getEmployeeAttendanceRules',
  summary:
    'Someone’s own rules, the rules that apply (theirs or their department’s) and whether they consented to location data (the person, their line, HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  responses: {
    200: {
      description: 'Their rules',
      headers: ['ETag'],
      body: z
        .object({
          employeeId: EmployeeId,
          own: z.optional(RulesView),
          effective: z.optional(
            z.object({
              ...AttendanceRules.shape,
              from: z.enum(['employee', 'department']),
              departmentId: z.optional(DepartmentId),
            }),
          ),
          locationConsent: z.boolean(),
        })
        .check(z.meta({ id: 'EmployeeAttendanceRules' })),
    },
  },
});

export const setLocationConsentRoute = defineRoute({
  method: 'PUT',
  path: '/v1/employees/{id}/location-consent',
  operationId: 'setLocationConsent',
  summary:
    'Give or withdraw one’s own consent to punches carrying one’s position (only the person; recorded as evidence); withdrawn, the positions kept so far are removed',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  body: z.strictObject({ given: z.boolean() }),
  responses: {
    200: {
      description: 'The consent as it stands',
      body: z
        .object({
          employeeId: EmployeeId,
          given: z.boolean(),
          noticeVersion: z.int(),
          at: Timestamp,
          /** Withdrawn: how many punches had their position removed. */
          positionsRemoved: z.optional(z.int()),
        })
        .check(z.meta({ id: 'LocationConsent' })),
    },
  },
});

export const setupRoutes = [
  defineSiteRoute,
  listSitesRoute,
  getSiteRoute,
  changeSiteRoute,
  defineShiftRoute,
  listShiftsRoute,
  getShiftRoute,
  setEmployeeRulesRoute,
  setDepartmentRulesRoute,
  getEmployeeRulesRoute,
  setLocationConsentRoute,
];
