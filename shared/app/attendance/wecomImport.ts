import { createHash } from 'node:crypto';
import type { FlagReason, Position, Punch } from '#domain/attendance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { mapConcurrently } from '#kernel/concurrency.ts';
import { ConflictError, InvalidInputError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { addDays, daysBetween, startOfDay } from '#kernel/time.ts';
import type {
  AttendanceSetupStore,
  PunchStore,
  WeComCheckinRecord,
  WeComCheckins,
} from '#ports/attendance/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { AttendanceDays } from './days.ts';
import type { makePunchJudge } from './punches.ts';
import { locationNoticeVersion } from './setup.ts';

export interface WeComImportDeps {
  /** None where the company does not use WeCom. */
  checkins: WeComCheckins | undefined;
  setup: Pick<AttendanceSetupStore, 'consent'>;
  judge: ReturnType<typeof makePunchJudge>;
  punches: Pick<PunchStore, 'create'>;
  recompute: AttendanceDays['recompute'];
  employees: Pick<EmployeeStore, 'listByStatus' | 'getMany'>;
  clock: Clock;
  timeZone: string;
}

/** WeCom's limits on one call, and ours on one import. */
export const wecomUsersPerCall = 100;
export const wecomDaysPerCall = 30;
export const maxImportDays = 62;

/** WeCom's exception types, each as one of our reasons (any of them flags the punch). */
export const wecomExceptions: Record<string, FlagReason> = {
  时间异常: 'outside_window',
  地点异常: 'outside_geofence',
  wifi异常: 'wifi_not_allowed',
  非常用设备: 'unknown_device',
};
const missed = '未打卡';

/** A WeCom record's punch id: the same record imported again is the same punch. */
export const wecomPunchId = (r: Pick<WeComCheckinRecord, 'userid' | 'checkin_time' | 'checkin_type'>) =>
  `PW${createHash('sha256').update(`${r.userid}|${r.checkin_time}|${r.checkin_type}`).digest('hex').slice(0, 24)}`;

const kindOf = (type: string) => (type === '上班打卡' ? 'in' : type === '下班打卡' ? 'out' : undefined);
const macOf = (mac: string | undefined) =>
  mac && /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i.test(mac) ? mac.toLowerCase().replaceAll('-', ':') : undefined;

/**
 * WeCom's check-in records imported as punches, through the same verdicts as the app's: 100 people
 * and 30 days a call, each record once (its id is its content's), its exception types mapped to our
 * reasons, its position used and kept only with the person's consent. The days of the dates it
 * touched are computed again. A call WeCom refuses is reported with its errcode; the others stand.
 */
export function makeWeComImport(deps: WeComImportDeps) {
  return async (actor: Principal, range: { from: string; to: string }) => {
    requirePermission(actor, 'attendance:manage');
    if (!deps.checkins)
      throw new ConflictError('wecom_not_configured', 'WeCom is not set up for this company.');
    if (range.to < range.from || daysBetween(range.from, range.to) >= maxImportDays)
      throw new InvalidInputError(`From a day up to ${maxImportDays} days on.`, [
        { field: 'to', message: `On or after from, at most ${maxImportDays - 1} days after it` },
      ]);
    const active = [
      ...(await everyPage((page) => deps.employees.listByStatus('active', page), 1000)),
      ...(await everyPage((page) => deps.employees.listByStatus('resigning', page), 1000)),
    ];
    const people = [...(await deps.employees.getMany(active.map((e) => e.id))).values()].filter(
      (p) => p.wecomUserId,
    );
    const byUser = new Map(people.map((p) => [p.wecomUserId as string, p]));
    const users = [...byUser.keys()].sort();
    const windows: { from: Date; to: Date }[] = [];
    for (let day = range.from; day <= range.to; day = addDays(day, wecomDaysPerCall)) {
      const last =
        addDays(day, wecomDaysPerCall - 1) < range.to ? addDays(day, wecomDaysPerCall - 1) : range.to;
      windows.push({
        from: startOfDay(day, deps.timeZone),
        to: new Date(startOfDay(addDays(last, 1), deps.timeZone).getTime() - 1000),
      });
    }
    const summary = {
      from: range.from,
      to: range.to,
      people: users.length,
      calls: 0,
      records: 0,
      imported: 0,
      again: 0,
      missed: 0,
      flagged: 0,
      exceptions: {} as Record<string, number>,
      failed: [] as { errcode: number; errmsg: string; users: number; from: string; to: string }[],
    };
    const touched = new Map<string, Set<string>>();
    for (let i = 0; i < users.length; i += wecomUsersPerCall) {
      const batch = users.slice(i, i + wecomUsersPerCall);
      for (const window of windows) {
        summary.calls++;
        let records: WeComCheckinRecord[];
        try {
          records = await deps.checkins.checkinData({ ...window, userIds: batch });
        } catch (error) {
          const { errcode = -1, message } = error as { errcode?: number; message: string };
          summary.failed.push({
            errcode,
            errmsg: message.slice(0, 300),
            users: batch.length,
            from: window.from.toISOString(),
            to: window.to.toISOString(),
          });
          continue;
        }
        summary.records += records.length;
        const consented = new Map<string, boolean>();
        await mapConcurrently(records, 16, async (record) => {
          const person = byUser.get(record.userid);
          const types = record.exception_type
            .split(';')
            .map((t) => t.trim())
            .filter(Boolean);
          for (const t of types) summary.exceptions[t] = (summary.exceptions[t] ?? 0) + 1;
          if (!person) return;
          if (!record.checkin_time || types.includes(missed)) {
            summary.missed++;
            return;
          }
          if (!consented.has(person.id)) {
            const consent = await deps.setup.consent(person.id);
            consented.set(
              person.id,
              consent?.given === true && consent.noticeVersion === locationNoticeVersion,
            );
          }
          const position: Position | undefined =
            consented.get(person.id) &&
            record.lat !== undefined &&
            record.lng !== undefined &&
            (record.lat || record.lng)
              ? { lat: record.lat / 1e6, lng: record.lng / 1e6, accuracyMetres: 0 }
              : undefined;
          const at = new Date(record.checkin_time * 1000);
          const reported = types.flatMap((t) =>
            wecomExceptions[t] ? [{ code: wecomExceptions[t] as FlagReason, detail: `WeCom: ${t}` }] : [],
          );
          const judged = await deps.judge(person, at, {
            position,
            mockLocation: false,
            bssid: macOf(record.wifimac),
            deviceId: record.deviceid || undefined,
            reported,
          });
          const keepDays = judged.site?.positionRetentionDays ?? 0;
          const kind = kindOf(record.checkin_type);
          const punch: Punch = {
            id: wecomPunchId(record),
            employeeId: person.id,
            source: 'wecom',
            at: at.toISOString(),
            receivedAt: deps.clock.now().toISOString(),
            ...(kind ? { kind } : {}),
            ...(record.deviceid ? { deviceId: record.deviceid.slice(0, 100) } : {}),
            ...(macOf(record.wifimac) ? { bssid: macOf(record.wifimac) } : {}),
            mockLocation: false,
            siteTimeZone: judged.siteTimeZone,
            workDate: judged.workDate,
            ...(judged.shiftId ? { shiftId: judged.shiftId } : {}),
            verdict: judged.verdict,
            ...(position && keepDays > 0
              ? { position, positionKeptUntil: addDays(judged.workDate, keepDays) }
              : {}),
            wecom: {
              checkinType: record.checkin_type.slice(0, 20),
              exceptions: types.slice(0, 8).map((t) => t.slice(0, 20)),
              ...(record.groupname ? { groupName: record.groupname.slice(0, 100) } : {}),
            },
            ...(record.notes ? { note: record.notes.slice(0, 200) } : {}),
          };
          if (!(await deps.punches.create(punch))) {
            summary.again++;
            return;
          }
          summary.imported++;
          if (punch.verdict.status === 'flagged') summary.flagged++;
          const dates = touched.get(person.id) ?? new Set<string>();
          touched.set(person.id, dates.add(punch.workDate));
        });
      }
    }
    await mapConcurrently([...touched], 8, ([employeeId, dates]) => deps.recompute(employeeId, [...dates]));
    return summary;
  };
}
