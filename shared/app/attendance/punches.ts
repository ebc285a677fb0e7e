import { randomBytes } from 'node:crypto';
import { readerStanding } from '#app/people/index.ts';
import {
  type AttendanceRules,
  assignedShift,
  candidateDates,
  type FlagReason,
  NewPunch,
  type Position,
  type Punch,
  punchId,
  type Shift,
  type Site,
  shiftDayOf,
  verdictOf,
} from '#domain/attendance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import { addDays, daysBetween, localDate } from '#kernel/time.ts';
import type { AttendanceSetupStore, PunchStore } from '#ports/attendance/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import { type EffectiveRules, locationNoticeVersion } from './setup.ts';

export interface PunchDeps {
  setup: AttendanceSetupStore;
  effective: (employeeId: string) => Promise<EffectiveRules | undefined>;
  punches: PunchStore;
  employees: Pick<EmployeeStore, 'get'>;
  clock: Clock;
  timeZone: string;
}

/** What a punch says of where and how it was made (the app's, or a WeCom record's). */
export interface PunchSignals {
  position?: Position | undefined;
  mockLocation: boolean;
  bssid?: string | undefined;
  deviceId?: string | undefined;
  reported?: readonly { code: FlagReason; detail: string }[];
}

/** A punch as anyone reads it: the verdict, never the position (HR sees the verdict, not a trail). */
export const punchView = ({ position: _p, positionKeptUntil: _k, ...rest }: Punch) => rest;

/** The longest span one read of punches covers. */
export const maxPunchDays = 31;

/**
 * The server's judgement of a punch, and the record kept of it, for the app's punches and WeCom's
 * records alike: the person's rules, sites and shifts are read, and any failure in reading or
 * checking them flags the punch rather than accepting it.
 */
export function makePunchJudge(deps: Pick<PunchDeps, 'setup' | 'effective' | 'timeZone'>) {
  return async (employee: { id: string; timeZone?: string | undefined }, at: Date, signals: PunchSignals) => {
    let rules: AttendanceRules | undefined;
    let sites: Site[] = [];
    let shifts = new Map<string, Shift>();
    let loadFailure: Error | undefined;
    try {
      rules = (await deps.effective(employee.id))?.rules;
      if (rules) {
        sites = [...(await deps.setup.sites(rules.sites)).values()];
        shifts = await deps.setup.shifts([...new Set(rules.shifts.map((s) => s.shiftId))]);
      }
    } catch (error) {
      loadFailure = error as Error;
    }
    const verdict = verdictOf({
      at,
      ...signals,
      sites,
      devices: rules?.devices ?? [],
      shiftDaysAt: (site) => {
        if (loadFailure) throw loadFailure;
        return candidateDates(at, site.timeZone).flatMap((date) => {
          const shift = shifts.get(rules ? (assignedShift(rules, date) ?? '') : '');
          return shift ? [shiftDayOf(shift, date, site.timeZone)] : [];
        });
      },
    });
    const zone = verdict.site?.timeZone ?? employee.timeZone ?? deps.timeZone;
    const { shiftDay, site, ...kept } = verdict;
    return {
      verdict: kept,
      site,
      siteTimeZone: zone,
      workDate: shiftDay?.workDate ?? localDate(at, zone),
      ...(shiftDay ? { shiftId: shiftDay.shiftId } : {}),
    };
  };
}

/**
 * Check-in and check-out: the person punches for themselves; the server decides and records a
 * verdict for every punch. A position needs their recorded consent and is kept only as long as the
 * site keeps positions. They, their line and HR read the verdicts.
 */
export function makePunches(deps: PunchDeps) {
  const judge = makePunchJudge(deps);
  return {
    async punch(actor: Principal, body: NewPunch) {
      const input = NewPunch.parse(body);
      const employee = await deps.employees.get(actor.employeeId);
      if (!employee || employee.status === 'left') throw new NotFoundError(`Employee ${actor.employeeId}`);
      if (input.position) {
        const consent = await deps.setup.consent(actor.employeeId);
        if (!consent?.given || consent.noticeVersion !== locationNoticeVersion)
          throw new PermissionDeniedError(
            'A punch with a position needs your consent to location data first (PUT /v1/employees/{id}/location-consent); punch with Wi-Fi alone, or consent.',
            'location_consent_missing',
          );
      }
      const now = deps.clock.now();
      const judged = await judge(employee, now, {
        position: input.position,
        mockLocation: input.mockLocation,
        bssid: input.wifi?.bssid,
        deviceId: input.deviceId,
      });
      const keepDays = judged.site?.positionRetentionDays ?? 0;
      const punch: Punch = {
        id: punchId(now, randomBytes(4).toString('hex')),
        employeeId: employee.id,
        source: 'app',
        at: now.toISOString(),
        receivedAt: now.toISOString(),
        ...(input.kind ? { kind: input.kind } : {}),
        deviceTime: input.deviceTime,
        deviceTimeZone: input.deviceTimeZone,
        deviceId: input.deviceId,
        ...(input.wifi ? { bssid: input.wifi.bssid } : {}),
        mockLocation: input.mockLocation,
        siteTimeZone: judged.siteTimeZone,
        workDate: judged.workDate,
        ...(judged.shiftId ? { shiftId: judged.shiftId } : {}),
        verdict: judged.verdict,
        ...(input.position && keepDays > 0
          ? { position: input.position, positionKeptUntil: addDays(judged.workDate, keepDays) }
          : {}),
        ...(input.note ? { note: input.note } : {}),
      };
      await deps.punches.create(punch);
      return punchView(punch);
    },

    /** Someone's punches with work dates from…to (at most 31 days): the person, their line, HR. */
    async list(actor: Principal, employeeId: string, from: string, to: string) {
      const reader = await readerStanding(deps.employees, actor, employeeId, 'attendance:manage');
      if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
      if (to < from || daysBetween(from, to) >= maxPunchDays)
        throw new InvalidInputError(`From a day up to ${maxPunchDays} days on.`, [
          { field: 'to', message: `On or after from, and at most ${maxPunchDays - 1} days after it` },
        ]);
      // Work dates are local: a punch's instant lies within a day of its work date anywhere on earth.
      const punches = await deps.punches.between(
        employeeId,
        `${addDays(from, -1)}T00`,
        `${addDays(to, 2)}T00`,
      );
      return punches.filter((p) => p.workDate >= from && p.workDate <= to).map(punchView);
    },

    judge,
  };
}

export type Punches = ReturnType<typeof makePunches>;
