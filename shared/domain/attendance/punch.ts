import { EmployeeId, InstantWithOffset, stampedId, Timestamp, TimeZone } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import { addDays, localDate } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';
import { DeviceId } from './rules.ts';
import { type ShiftDay, shiftDayFor } from './shift.ts';
import { Bssid, type Geofence, type Site, SiteId } from './site.ts';

/** PU + the UTC time to the second + random hex (an app punch); PW + a digest (a WeCom record). */
export const PunchId = z
  .string()
  .check(z.regex(/^(PU\d{14}[0-9a-f]{8}|PW[0-9a-f]{24})$/, 'A punch id looks like PU20261201090000a1b2c3d4'));
export const punchId = stampedId('PU');

export const Position = z.strictObject({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
  accuracyMetres: z.number().check(z.gte(0), z.lte(100_000)),
});
export type Position = z.infer<typeof Position>;

/** What the app sends when someone checks in or out. */
export const NewPunch = z.strictObject({
  kind: z.optional(z.enum(['in', 'out'])),
  position: z.optional(Position),
  wifi: z.optional(z.strictObject({ bssid: Bssid, ssid: z.optional(upTo(64)) })),
  /** The device's clock and zone as it showed them (kept beside the server's time, never trusted over it). */
  deviceTime: InstantWithOffset,
  deviceTimeZone: TimeZone,
  /** The device's own flag that its position is simulated. */
  mockLocation: z._default(z.boolean(), false),
  deviceId: DeviceId,
  note: z.optional(upTo(200)),
});
export type NewPunch = z.input<typeof NewPunch>;

export const FlagReason = z.enum([
  'no_site',
  'no_place_evidence',
  'outside_geofence',
  'inaccurate_position',
  'mocked_position',
  'wifi_not_allowed',
  'unknown_device',
  'outside_window',
  'check_failed',
]);
export type FlagReason = z.infer<typeof FlagReason>;

export const Verdict = z.object({
  status: z.enum(['accepted', 'flagged']),
  reasons: z.array(z.object({ code: FlagReason, detail: upTo(300) })).check(z.maxLength(12)),
  /** The site it was checked against (the one it matched, else the nearest). */
  siteId: z.optional(SiteId),
  /** From the position to the nearest geofence's edge (0 inside), when a position was sent. */
  distanceMetres: z.optional(z.number()),
});
export type Verdict = z.infer<typeof Verdict>;

/**
 * A punch as kept: the server's receipt time (the time that counts), the device's time and zone, the
 * site's zone and the work date it belongs to, the verdict, and — with consent, for as long as the
 * site keeps positions — the position. Items (table Hr):
 *   pk = PUNCHES#<employeeId>  sk = <at>#<id>
 *   gsi1pk = PUNCHDAY#<workDate>  gsi1sk = <siteId or ->#<employeeId>#<at>   (a day's punches, site by site)
 */
export const Punch = z.object({
  id: PunchId,
  employeeId: EmployeeId,
  source: z.enum(['app', 'wecom']),
  /** When it happened: the server's receipt for the app, WeCom's checkin_time for an import. */
  at: Timestamp,
  receivedAt: Timestamp,
  kind: z.optional(z.enum(['in', 'out'])),
  deviceTime: z.optional(InstantWithOffset),
  deviceTimeZone: z.optional(TimeZone),
  deviceId: z.optional(upTo(100)),
  bssid: z.optional(upTo(17)),
  mockLocation: z.boolean(),
  siteTimeZone: TimeZone,
  workDate: z.iso.date(),
  shiftId: z.optional(upTo(40)),
  verdict: Verdict,
  position: z.optional(Position),
  positionKeptUntil: z.optional(z.iso.date()),
  /** A WeCom record's own type and exceptions, as it gave them. */
  wecom: z.optional(
    z.object({
      checkinType: upTo(20),
      exceptions: z.array(upTo(20)).check(z.maxLength(8)),
      groupName: z.optional(upTo(100)),
    }),
  ),
  note: z.optional(upTo(200)),
});
export type Punch = z.infer<typeof Punch>;

export const punchKeys = {
  partition: (employeeId: string) => `PUNCHES#${employeeId}`,
  item: (p: Pick<Punch, 'employeeId' | 'at' | 'id'>) => ({
    pk: `PUNCHES#${p.employeeId}`,
    sk: `${p.at}#${p.id}`,
  }),
  day: (workDate: string) => `PUNCHDAY#${workDate}`,
  daySort: (p: Pick<Punch, 'verdict' | 'employeeId' | 'at'>) =>
    `${p.verdict.siteId ?? '-'}#${p.employeeId}#${p.at}`,
};

const earthMetres = 6_371_008.8;
const radians = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthMetres * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** From a position to the nearest fence's edge: 0 inside one. */
const toNearestFence = (p: Position, fences: readonly Geofence[]) =>
  Math.min(...fences.map((f) => Math.max(0, distanceMetres(p, f) - f.radiusMetres)));

export interface VerdictInput {
  at: Date;
  position?: Position | undefined;
  mockLocation: boolean;
  bssid?: string | undefined;
  deviceId?: string | undefined;
  /** The employee's sites, and the devices their punches may come from. */
  sites: readonly Site[];
  devices: readonly string[];
  /** The shifts of the days around the punch at a site (the work dates it could belong to). */
  shiftDaysAt: (site: Site) => readonly ShiftDay[];
  /** WeCom's own exceptions, each already one of ours (an import passes them through). */
  reported?: readonly { code: FlagReason; detail: string }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The server's verdict on a punch: accepted only when it is placed at one of the person's sites —
 * inside a geofence within its accuracy, or on one of the site's Wi-Fi networks, and on one of them
 * where the site requires it — from a known device, with an honest and accurate enough position,
 * within a shift's window. Everything else is flagged with each reason. Pure; `verdictOf` below
 * makes any error inside the check a flag, never an acceptance.
 */
export function judgePunch(input: VerdictInput): Verdict & { shiftDay?: ShiftDay; site?: Site } {
  const reasons: Verdict['reasons'] = [...(input.reported ?? [])];
  const flag = (code: FlagReason, detail: string) => {
    if (!reasons.some((r) => r.code === code)) reasons.push({ code, detail });
  };
  if (input.sites.length === 0) {
    flag('no_site', 'No site is assigned to them');
    return { status: 'flagged', reasons };
  }
  const { position, bssid } = input;
  const assessed = input.sites.map((site) => {
    const distance = position ? toNearestFence(position, site.geofences) : undefined;
    const inFence = position !== undefined && distance !== undefined && distance <= position.accuracyMetres;
    const onWifi = bssid !== undefined && site.wifi.networks.some((n) => n.bssid === bssid);
    const placed = (inFence || onWifi) && (!site.wifi.required || onWifi);
    return { site, distance, inFence, onWifi, placed };
  });
  const chosen =
    assessed.find((a) => a.placed) ??
    assessed.find((a) => a.onWifi) ??
    [...assessed].sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity))[0];
  if (!chosen) throw new Error('unreachable: at least one site');
  const { site } = chosen;

  if (input.mockLocation) flag('mocked_position', 'The device says its position is simulated');
  if (position && position.accuracyMetres > site.maxAccuracyMetres)
    flag(
      'inaccurate_position',
      `Accurate to ${round1(position.accuracyMetres)} m; ${site.id} needs ${site.maxAccuracyMetres} m or better`,
    );
  if (!position && bssid === undefined)
    flag('no_place_evidence', 'Neither a position nor a Wi-Fi network was sent');
  if (position && !assessed.some((a) => a.inFence)) {
    const nearest = Math.min(...assessed.map((a) => a.distance ?? Infinity));
    flag(
      'outside_geofence',
      `${round1(nearest)} m outside the nearest geofence of their sites, beyond the accuracy of ${round1(position.accuracyMetres)} m`,
    );
  }
  if (site.wifi.required && !chosen.onWifi)
    flag(
      'wifi_not_allowed',
      bssid === undefined
        ? `${site.id} requires its Wi-Fi; none was sent`
        : `${bssid} is not one of ${site.id}'s networks`,
    );
  if (!position && bssid !== undefined && !chosen.onWifi && !site.wifi.required)
    flag('no_place_evidence', `No position was sent and ${bssid} is not a network of their sites`);
  if (input.deviceId === undefined || !input.devices.includes(input.deviceId))
    flag('unknown_device', input.deviceId ? `Device ${input.deviceId} is not one of theirs` : 'No device id');
  const shiftDay = shiftDayFor(input.at, input.shiftDaysAt(site));
  if (!shiftDay) flag('outside_window', `Outside every shift's check-in window at ${site.id}`);
  return {
    status: reasons.length === 0 ? 'accepted' : 'flagged',
    reasons,
    siteId: site.id,
    ...(chosen.distance !== undefined ? { distanceMetres: round1(chosen.distance) } : {}),
    ...(shiftDay ? { shiftDay } : {}),
    site,
  };
}

/** The verdict, failing closed: an error anywhere in the check flags the punch with what it was. */
export function verdictOf(input: VerdictInput): ReturnType<typeof judgePunch> {
  try {
    return judgePunch(input);
  } catch (error) {
    return {
      status: 'flagged',
      reasons: [
        ...(input.reported ?? []),
        {
          code: 'check_failed',
          detail: `The check failed: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
        },
      ],
    };
  }
}

/** The local dates a punch could belong to at a site: the day before (a night shift), its day, the next. */
export const candidateDates = (at: Date, timeZone: string) => {
  const day = localDate(at, timeZone);
  return [addDays(day, -1), day, addDays(day, 1)];
};
