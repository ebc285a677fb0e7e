import * as z from './zod.ts';

/** Identifier formats, checked wherever an id enters: path parameters, bodies, imports. */
export const EmployeeId = z
  .string()
  .check(z.maxLength(9), z.regex(/^E\d{4,8}$/, 'An employee id looks like E1001'));
export const DepartmentId = z
  .string()
  .check(z.maxLength(7), z.regex(/^D\d{2,6}$/, 'A department id looks like D01'));
export const CustomerId = z
  .string()
  .check(z.maxLength(11), z.regex(/^C\d{5,10}$/, 'A customer id looks like C00001'));

/** A moment, in ISO 8601 UTC (2026-11-02T01:00:00.000Z): one schema, shared by every record that has one. */
export const Timestamp = z.iso.datetime().check(z.maxLength(40));

/** A moment as a person may write it: ISO 8601 with any offset (2026-11-16T09:00:00+08:00) or Z. */
export const InstantWithOffset = z.iso.datetime({ offset: true }).check(z.maxLength(40));

/** A calendar date, as HR writes it (the company's time zone gives it its hours). */
export const CalendarDate = z.iso.date().check(z.maxLength(10));

/** The zones found valid so far (IANA has a few hundred; only valid ones are kept). */
const knownZones = new Set<string>();

/** IANA zone names only: deadlines and daily jobs are computed in a zone's own time. */
export const TimeZone = z.string().check(
  z.maxLength(64),
  z.refine((zone) => {
    if (knownZones.has(zone)) return true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      return false;
    }
    // Making a formatter costs far more than checking a set, and every stored record names a zone.
    knownZones.add(zone);
    return true;
  }, 'Not an IANA time zone (e.g. Asia/Shanghai)'),
);

/** An e-mail address (RFC 5321 caps a path at 254 characters). */
export const EmailAddress = z.email().check(z.maxLength(254));

/** An id builder for records made at a moment: the prefix, the UTC time to the second, random hex. */
export const stampedId =
  (prefix: string) =>
  (at: Date, random: string): string =>
    `${prefix}${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;
