import { CalendarDate, EmployeeId, Timestamp, TimeZone } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** A site's id, as HR names it: shanghai-hq, berlin-office. */
export const SiteId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{1,39}$/, 'Lower-case letters, digits and -, as shanghai-hq'));

/** A circle on the map a punch may be inside: its centre and radius. */
export const Geofence = z.strictObject({
  label: z.optional(upTo(100)),
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
  radiusMetres: z.int().check(z.gte(10), z.lte(5000)),
});
export type Geofence = z.infer<typeof Geofence>;

/** A Wi-Fi access point's BSSID (its MAC address), lower case with colons. */
export const Bssid = z.pipe(
  z
    .string()
    .check(
      z.regex(/^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$/, 'A BSSID is a MAC address, as 3c:46:d8:0c:7a:70'),
    ),
  z.transform((mac) => mac.toLowerCase().replaceAll('-', ':')),
);

export const WifiNetwork = z.strictObject({ bssid: Bssid, ssid: z.optional(upTo(64)) });

/** A day off or a make-up working day (调休) on the site's calendar. */
export const CalendarDay = z.strictObject({
  on: CalendarDate,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const Weekday = z.int().check(z.gte(1), z.lte(7));

const siteFields = {
  name: inBothLanguages(100),
  timeZone: TimeZone,
  geofences: z.array(Geofence).check(z.minLength(1), z.maxLength(20)),
  wifi: z._default(
    z.strictObject({
      /** A punch here must come from one of the networks (and its place still counts). */
      required: z._default(z.boolean(), false),
      networks: z._default(z.array(WifiNetwork).check(z.maxLength(200)), []),
    }),
    { required: false, networks: [] },
  ),
  /** A position less accurate than this proves nothing: the punch is flagged. */
  maxAccuracyMetres: z._default(z.int().check(z.gte(5), z.lte(2000)), 100),
  /** Days a punch's position is kept (personal information); 0 keeps none, only the verdict. */
  positionRetentionDays: z._default(z.int().check(z.gte(0), z.lte(366)), 31),
  calendar: z._default(
    z.strictObject({
      workingWeekdays: z._default(z.array(Weekday).check(z.maxLength(7)), [1, 2, 3, 4, 5]),
      holidays: z._default(z.array(CalendarDay).check(z.maxLength(200)), []),
      /** Days worked although their weekday is not (make-up days). */
      workdays: z._default(z.array(CalendarDay).check(z.maxLength(100)), []),
    }),
    { workingWeekdays: [1, 2, 3, 4, 5], holidays: [], workdays: [] },
  ),
};

/** What HR writes of a site. */
export const NewSite = z.strictObject({ id: SiteId, ...siteFields }).check(
  z.refine((s) => !s.wifi.required || s.wifi.networks.length > 0, {
    message: 'A site that requires Wi-Fi lists its networks',
    path: ['wifi', 'networks'],
  }),
);
export type NewSite = z.input<typeof NewSite>;
export const SiteChange = z.strictObject(siteFields).check(
  z.refine((s) => !s.wifi.required || s.wifi.networks.length > 0, {
    message: 'A site that requires Wi-Fi lists its networks',
    path: ['wifi', 'networks'],
  }),
);
export type SiteChange = z.input<typeof SiteChange>;

/**
 * A place people work at: its zone (work days are its days), geofences, Wi-Fi, and calendar.
 * Item (table Hr): pk = SITE#<id>  sk = SITE  gsi1pk = SITES  gsi1sk = <id>.
 */
export const Site = z.object({
  id: SiteId,
  ...siteFields,
  version: z.int().check(z.positive()),
  /** When HR added it: its work days are computed from then on. */
  createdAt: Timestamp,
  updatedBy: EmployeeId,
  updatedAt: Timestamp,
});
export type Site = z.infer<typeof Site>;

export const siteKeys = {
  item: (id: string) => ({ pk: `SITE#${id}`, sk: 'SITE' }),
  all: 'SITES',
};

/** ISO weekday of a calendar date (1 Monday … 7 Sunday). */
export const weekdayOf = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/** Whether a date is a working day at a site, and the name of its holiday when it is not. */
export function workingDay(
  site: Pick<Site, 'calendar'>,
  date: string,
): { working: boolean; holiday?: string } {
  const holiday = site.calendar.holidays.find((h) => h.on === date);
  if (holiday) return { working: false, holiday: holiday.name };
  if (site.calendar.workdays.some((w) => w.on === date)) return { working: true };
  return { working: site.calendar.workingWeekdays.includes(weekdayOf(date)) };
}
