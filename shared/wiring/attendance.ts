import {
  makeAttendanceDayStore,
  makeAttendanceSetupStore,
  makeLeaveStore,
  makeOvertimeClaimStore,
  makePunchStore,
} from '#adapters/aws/attendance/index.ts';
import { makeAttendanceDays } from '#app/attendance/days.ts';
import { makeOvertime } from '#app/attendance/overtime.ts';
import { makePunches } from '#app/attendance/punches.ts';
import { makeAttendanceReports } from '#app/attendance/reports.ts';
import { makeAttendanceSetup } from '#app/attendance/setup.ts';
import { messenger } from './communication.ts';
import { once } from './once.ts';
import { departmentStore, employeeStore } from './people.ts';
import { clock, companyTimeZone, evidence, table } from './platform.ts';
import { keyPersonOf, referralTreeOf } from './risk.ts';

/** Attendance: sites, shifts and rules, punches and their verdicts, attendance days, overtime claims. */
export const attendanceSetupStore = /* @__PURE__ */ once(() => makeAttendanceSetupStore(table()));
export const punchStore = /* @__PURE__ */ once(() => makePunchStore(table()));
export const attendanceDayStore = /* @__PURE__ */ once(() => makeAttendanceDayStore(table()));
export const leaveStore = /* @__PURE__ */ once(() => makeLeaveStore(table()));
export const overtimeClaimStore = /* @__PURE__ */ once(() => makeOvertimeClaimStore(table()));

export const attendanceSetupApi = () =>
  makeAttendanceSetup({
    setup: attendanceSetupStore(),
    employees: employeeStore(),
    departments: departmentStore(),
    evidence: evidence(),
    clock,
  });

export const punchesApi = () =>
  makePunches({
    setup: attendanceSetupStore(),
    effective: attendanceSetupApi().effective,
    punches: punchStore(),
    employees: employeeStore(),
    clock,
    timeZone: companyTimeZone(),
  });

export const attendanceDays = () =>
  makeAttendanceDays({
    setup: attendanceSetupStore(),
    punches: punchStore(),
    days: attendanceDayStore(),
    leaves: leaveStore(),
    employees: employeeStore(),
    departments: departmentStore(),
    clock,
  });

export const overtimeApi = () =>
  makeOvertime({
    claims: overtimeClaimStore(),
    daysOf: attendanceDays().daysOf,
    employees: employeeStore(),
    keyPersonOf,
    referralTreeOf,
    tell: messenger(),
    clock,
    timeZone: companyTimeZone(),
  });

export const attendanceReportsApi = () =>
  makeAttendanceReports({
    setup: attendanceSetupStore(),
    days: attendanceDayStore(),
    claims: overtimeClaimStore(),
    leaves: leaveStore(),
    recompute: attendanceDays().recompute,
    employees: employeeStore(),
    clock,
  });
