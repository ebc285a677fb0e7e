import {
  makeAttendanceDayStore,
  makeAttendanceSetupStore,
  makeLeaveStore,
  makeOvertimeClaimStore,
  makePunchStore,
  makeWeComCheckins,
} from '#adapters/aws/attendance/index.ts';
import { makeWeComAccessToken } from '#adapters/aws/communication/index.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { secretsManagerSecret } from '#adapters/aws/platform/secretValue.ts';
import { config, envNames } from '#adapters/config.ts';
import { resolvePort } from '#adapters/runtimePorts.ts';
import { makeAttendanceDays } from '#app/attendance/days.ts';
import { makeOvertime } from '#app/attendance/overtime.ts';
import { makePunches, makePunchJudge } from '#app/attendance/punches.ts';
import { makeAttendanceReports } from '#app/attendance/reports.ts';
import { makeAttendanceSetup, makeEffectiveRules } from '#app/attendance/setup.ts';
import { makeWeComImport } from '#app/attendance/wecomImport.ts';
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

/** Which rules apply to a person: for the jobs that need no evidence log. */
const effectiveRules = () =>
  makeEffectiveRules({
    setup: attendanceSetupStore(),
    employees: employeeStore(),
    departments: departmentStore(),
  });

export const attendanceSetupApi = () =>
  makeAttendanceSetup({
    setup: attendanceSetupStore(),
    employees: employeeStore(),
    departments: departmentStore(),
    evidence: evidence(),
    forgetPositionsOf: async (employeeId) => {
      const kept = (await punchStore().between(employeeId, '0000', '9999')).filter((p) => p.position);
      await punchStore().forgetPositions(kept);
      return kept.length;
    },
    clock,
  });

export const punchesApi = () =>
  makePunches({
    setup: attendanceSetupStore(),
    effective: effectiveRules(),
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
    effective: effectiveRules(),
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

/** WeCom's check-in records where the company configured WeCom; the local runtime installs the fake's. */
const wecomCheckins = /* @__PURE__ */ once(() =>
  resolvePort('wecomCheckins', () => {
    if (!process.env[envNames.wecomCorpId]) return undefined;
    const secret = secretsManagerSecret(config('wecomSecret'));
    const apiBase = process.env[envNames.wecomApiBase] ?? 'https://qyapi.weixin.qq.com';
    const token = makeWeComAccessToken(
      {
        apiBase,
        corpId: config('wecomCorpId'),
        corpSecret: async () => (JSON.parse(await secret()) as { corpSecret: string }).corpSecret,
      },
      { dynamo, table: table(), clock },
    );
    return makeWeComCheckins({ apiBase }, { token });
  }),
);

export const wecomImport = () =>
  makeWeComImport({
    checkins: wecomCheckins(),
    setup: attendanceSetupStore(),
    judge: makePunchJudge({
      setup: attendanceSetupStore(),
      effective: effectiveRules(),
      timeZone: companyTimeZone(),
    }),
    punches: punchStore(),
    recompute: attendanceDays().recompute,
    employees: employeeStore(),
    clock,
    timeZone: companyTimeZone(),
  });
