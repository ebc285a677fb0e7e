import { describe, expect, it } from 'vitest';
import {
  attendanceDayOf,
  candidateDates,
  checkClaim,
  evidencedOvertime,
  NewShift,
  NewSite,
  type Punch,
  reasonKeyOf,
  type Shift,
  type Site,
  scheduledMinutes,
  shiftDayFor,
  shiftDayOf,
  type VerdictInput,
  verdictOf,
} from '#domain/attendance/index.ts';

const site = (input: Record<string, unknown>): Site => ({
  ...NewSite.parse(input),
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'E1041',
  updatedAt: '2026-11-01T00:00:00.000Z',
});
const shift = (input: Record<string, unknown>): Shift => ({
  ...NewShift.parse(input),
  createdBy: 'E1041',
  createdAt: '2026-11-01T00:00:00.000Z',
});
const name = { 'zh-CN': '名称', en: 'Name' };
const shanghai = site({
  id: 'shanghai-hq',
  name,
  timeZone: 'Asia/Shanghai',
  geofences: [{ lat: 31.2304, lng: 121.4737, radiusMetres: 200 }],
  wifi: { networks: [{ bssid: 'AA:BB:CC:DD:EE:01', ssid: 'HQ' }] },
});
const berlin = site({
  id: 'berlin',
  name,
  timeZone: 'Europe/Berlin',
  geofences: [{ lat: 52.52, lng: 13.405, radiusMetres: 150 }],
  wifi: { required: true, networks: [{ bssid: 'aa:bb:cc:dd:ee:02' }] },
});
const day = shift({ id: 'day', name, start: '09:00', end: '18:00', break: { start: '12:00', minutes: 60 } });
const night = shift({ id: 'night', name, start: '22:00', end: '06:00' });

/** A punch at HQ's centre at 08:55 Shanghai on 2026-11-02, from a known device, on the day shift. */
const atHq = (change: Partial<VerdictInput> = {}): VerdictInput => ({
  at: new Date('2026-11-02T00:55:00Z'),
  position: { lat: 31.2304, lng: 121.4737, accuracyMetres: 15 },
  mockLocation: false,
  deviceId: 'phone-1',
  sites: [shanghai],
  devices: ['phone-1'],
  shiftDaysAt: (s) =>
    candidateDates(new Date('2026-11-02T00:55:00Z'), s.timeZone).map((d) => shiftDayOf(day, d, s.timeZone)),
  ...change,
});
const codes = (input: VerdictInput) => verdictOf(input).reasons.map((r) => r.code);

describe('the verdict on a punch', () => {
  it('accepts a punch inside a geofence, from a known device, in the window', () => {
    expect(verdictOf(atHq())).toMatchObject({
      status: 'accepted',
      reasons: [],
      siteId: 'shanghai-hq',
      distanceMetres: 0,
    });
  });
  it('flags a position outside every geofence by more than its accuracy, and not one within it', () => {
    // 280 m north of the centre: 80 m beyond the 200 m fence.
    const north = { lat: 31.2304 + 280 / 111_195, lng: 121.4737 };
    expect(verdictOf(atHq({ position: { ...north, accuracyMetres: 50 } }))).toMatchObject({
      status: 'flagged',
      reasons: [{ code: 'outside_geofence' }],
      distanceMetres: 80,
    });
    expect(verdictOf(atHq({ position: { ...north, accuracyMetres: 90 } })).status).toBe('accepted');
  });
  it('flags an inaccurate position, a mocked one, an unknown device', () => {
    expect(codes(atHq({ position: { lat: 31.2304, lng: 121.4737, accuracyMetres: 150 } }))).toEqual([
      'inaccurate_position',
    ]);
    expect(codes(atHq({ mockLocation: true }))).toEqual(['mocked_position']);
    expect(codes(atHq({ deviceId: 'phone-2' }))).toEqual(['unknown_device']);
    expect(codes(atHq({ deviceId: undefined }))).toEqual(['unknown_device']);
  });
  it('flags a BSSID not on the list where the site requires Wi-Fi, and none sent', () => {
    const inBerlin = {
      at: new Date('2026-11-02T07:55:00Z'),
      position: { lat: 52.52, lng: 13.405, accuracyMetres: 10 },
      sites: [berlin],
      shiftDaysAt: (s: Site) => [shiftDayOf(day, '2026-11-02', s.timeZone)],
    };
    expect(codes(atHq({ ...inBerlin, bssid: 'aa:bb:cc:dd:ee:02' }))).toEqual([]);
    expect(codes(atHq({ ...inBerlin, bssid: 'aa:bb:cc:dd:ee:99' }))).toEqual(['wifi_not_allowed']);
    expect(codes(atHq({ ...inBerlin }))).toEqual(['wifi_not_allowed']);
  });
  it('takes an allowed Wi-Fi as the place without a position, and flags a punch with neither', () => {
    expect(codes(atHq({ position: undefined, bssid: 'aa:bb:cc:dd:ee:01' }))).toEqual([]);
    expect(codes(atHq({ position: undefined }))).toEqual(['no_place_evidence']);
    expect(codes(atHq({ position: undefined, bssid: 'aa:bb:cc:dd:ee:77' }))).toEqual(['no_place_evidence']);
  });
  it('flags a punch outside every shift window, and someone with no site', () => {
    expect(codes(atHq({ at: new Date('2026-11-01T20:00:00Z') }))).toEqual(['outside_window']); // 04:00 local
    expect(codes(atHq({ shiftDaysAt: () => [] }))).toEqual(['outside_window']);
    expect(codes(atHq({ sites: [] }))).toEqual(['no_site']);
  });
  it('checks against every site and names the one it matched', () => {
    expect(verdictOf(atHq({ sites: [berlin, shanghai] }))).toMatchObject({
      status: 'accepted',
      siteId: 'shanghai-hq',
    });
  });
  it('flags, never accepts, when the check itself fails', () => {
    const broken = atHq({
      shiftDaysAt: () => {
        throw new Error('shift store unavailable');
      },
    });
    expect(verdictOf(broken)).toEqual({
      status: 'flagged',
      reasons: [{ code: 'check_failed', detail: 'The check failed: shift store unavailable' }],
    });
    const corrupt = atHq({ sites: [{ ...shanghai, geofences: undefined } as unknown as Site] });
    expect(verdictOf(corrupt).status).toBe('flagged');
    expect(codes(corrupt)).toEqual(['check_failed']);
  });
});

describe('the work date a punch belongs to', () => {
  it('is the day an overnight shift started, for its check-out after midnight', () => {
    const out = new Date('2026-11-02T21:55:00Z'); // 05:55 on 11-03 in Shanghai
    const days = candidateDates(out, 'Asia/Shanghai').map((d) => shiftDayOf(night, d, 'Asia/Shanghai'));
    expect(shiftDayFor(out, days)?.workDate).toBe('2026-11-02');
    const checkIn = new Date('2026-11-02T13:50:00Z'); // 21:50 on 11-02
    expect(shiftDayFor(checkIn, days)?.workDate).toBe('2026-11-02');
  });
  it('follows the site’s clock across a change to summer time and back', () => {
    const spring = shiftDayOf(night, '2026-03-28', 'Europe/Berlin');
    expect(spring.start.toISOString()).toBe('2026-03-28T21:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(scheduledMinutes(spring)).toBe(7 * 60);
    const autumn = shiftDayOf(night, '2026-10-24', 'Europe/Berlin');
    expect(scheduledMinutes(autumn)).toBe(9 * 60);
    const dayAfter = shiftDayOf(day, '2026-03-30', 'Europe/Berlin');
    expect(dayAfter.start.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // 09:00 CEST
    // A check-out at 05:58 local on the morning of the change belongs to the night of the 28th.
    const out = new Date('2026-03-29T03:58:00Z');
    const days = candidateDates(out, 'Europe/Berlin').map((d) => shiftDayOf(night, d, 'Europe/Berlin'));
    expect(shiftDayFor(out, days)?.workDate).toBe('2026-03-28');
  });
});

const punch = (id: string, at: string, status: 'accepted' | 'flagged' = 'accepted'): Punch => ({
  id: `PU20261102000000${id.padStart(8, '0')}`,
  employeeId: 'E1001',
  source: 'app',
  at,
  receivedAt: at,
  mockLocation: false,
  siteTimeZone: 'Asia/Shanghai',
  workDate: '2026-11-02',
  verdict: { status, reasons: status === 'flagged' ? [{ code: 'outside_geofence', detail: 'far' }] : [] },
});

describe('evidenced overtime', () => {
  const shiftDay = shiftDayOf(day, '2026-11-02', 'Asia/Shanghai'); // 01:00Z–10:00Z
  it('counts covered time after the end, less the tolerance', () => {
    const pairs = [{ start: new Date('2026-11-02T00:50:00Z'), end: new Date('2026-11-02T12:30:00Z') }];
    expect(evidencedOvertime(pairs, shiftDay, day.overtime, true, 0)).toMatchObject({
      before: 10,
      after: 150,
      minutes: 135,
    });
  });
  it('counts an early arrival only where the rule allows it', () => {
    const pairs = [{ start: new Date('2026-11-02T00:00:00Z'), end: new Date('2026-11-02T10:20:00Z') }];
    expect(evidencedOvertime(pairs, shiftDay, day.overtime, true, 0)).toMatchObject({
      before: 60,
      after: 20,
      minutes: 5,
    });
    const early = { ...day.overtime, beforeShiftCounts: true };
    expect(evidencedOvertime(pairs, shiftDay, early, true, 0)).toMatchObject({ minutes: 5 + 45 });
  });
  it('is all the time worked on a day off, less the tolerance once', () => {
    expect(evidencedOvertime([], shiftDay, day.overtime, false, 240)).toMatchObject({
      dayOff: 240,
      minutes: 225,
    });
  });
});

describe('an attendance day', () => {
  const shiftDay = shiftDayOf(day, '2026-11-02', 'Asia/Shanghai');
  const base = {
    employeeId: 'E1001',
    workDate: '2026-11-02',
    siteId: 'shanghai-hq',
    timeZone: 'Asia/Shanghai',
    shift: { shift: day, day: shiftDay },
    calendar: { working: true },
    computedAt: '2026-11-03T00:00:00.000Z',
  };
  it('is worked time less the break, late past the grace, with overtime; flagged punches do not count', () => {
    const result = attendanceDayOf({
      ...base,
      punches: [
        punch('1', '2026-11-02T01:12:00Z'), // 09:12: late by 12 (grace 5)
        punch('2', '2026-11-02T02:00:00Z', 'flagged'),
        punch('3', '2026-11-02T11:00:00Z'), // 19:00
      ],
    });
    expect(result).toMatchObject({
      status: 'present',
      workedMinutes: 9 * 60 + 48 - 60,
      lateMinutes: 12,
      earlyMinutes: 0,
      missing: [],
      overtime: { after: 60, minutes: 45 },
      punches: { accepted: 2, flagged: 1 },
      shift: { scheduledMinutes: 480 },
    });
    expect(result.flagged).toEqual([
      { punchId: expect.stringMatching(/2$/), at: '2026-11-02T02:00:00Z', reasons: ['outside_geofence'] },
    ]);
  });
  it('is early when the last punch is before the end less the grace; incomplete without a check-out', () => {
    const early = attendanceDayOf({
      ...base,
      punches: [punch('1', '2026-11-02T01:00:00Z'), punch('2', '2026-11-02T09:30:00Z')],
    });
    expect(early).toMatchObject({ status: 'present', earlyMinutes: 30, lateMinutes: 0 });
    const alone = attendanceDayOf({ ...base, punches: [punch('1', '2026-11-02T01:00:00Z')] });
    expect(alone).toMatchObject({ status: 'incomplete', missing: ['out'], workedMinutes: 0 });
  });
  it('is absent on a working day without punches, on leave with leave, a holiday on one', () => {
    expect(attendanceDayOf({ ...base, punches: [] })).toMatchObject({
      status: 'absent',
      missing: ['in', 'out'],
    });
    expect(attendanceDayOf({ ...base, punches: [], leave: { id: 'LV1', kind: 'annual' } }).status).toBe(
      'on_leave',
    );
    expect(
      attendanceDayOf({ ...base, punches: [], calendar: { working: false, holiday: '国庆节' } }),
    ).toMatchObject({
      status: 'holiday',
      missing: [],
    });
  });
});

describe('an overtime claim against its evidence', () => {
  it('is flagged only beyond the margin, with the excess', () => {
    expect(checkClaim(150, 135, 15)).toEqual({ flagged: false, excessMinutes: 15 });
    expect(checkClaim(151, 135, 15)).toEqual({ flagged: true, excessMinutes: 16 });
    expect(checkClaim(60, 135, 15)).toEqual({ flagged: false, excessMinutes: 0 });
  });
  it('compares reasons without case, spaces or punctuation', () => {
    expect(reasonKeyOf('Client  dinner, preparation!')).toBe(reasonKeyOf('client dinner preparation'));
    expect(reasonKeyOf('客户晚宴准备。')).toBe(reasonKeyOf('客户晚宴准备'));
    expect(reasonKeyOf('Stock count')).not.toBe(reasonKeyOf('Stock take'));
  });
});
