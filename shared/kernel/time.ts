/**
 * Calendar arithmetic in the company's time zone: deadlines are days ("the last working day"), and
 * a day starts at midnight where the company is, not in UTC.
 */
/** One formatter per zone: making one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

const partsIn = (instant: Date, timeZone: string) =>
  Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The wall-clock date and time (YYYY-MM-DDTHH:MM:SS) an instant shows in a zone. */
export function localDateTime(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** How far ahead of UTC a zone is at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time happens in a zone (the later one when a clock change repeats it). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

export const startOfDay = (date: string, timeZone: string) => zonedInstant(date, '00:00', timeZone);

/** Calendar days later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The UTC time of a local hour, for cron rules (which run in UTC). Fixed on a January day so that
 * synthesis is repeatable: in zones with daylight saving the job runs an hour later in summer.
 */
export function utcTimeOf(localHour: number, timeZone: string): { hour: number; minute: number } {
  const hh = String(localHour).padStart(2, '0');
  const instant = zonedInstant('2026-01-15', `${hh}:00`, timeZone);
  return { hour: instant.getUTCHours(), minute: instant.getUTCMinutes() };
}

/** The first time after `now` that the clock in a zone reads `localHour`:00. */
export function nextDailyRun(now: Date, localHour: number, timeZone: string): Date {
  const hh = `${String(localHour).padStart(2, '0')}:00`;
  const today = localDate(now, timeZone);
  for (const date of [addDays(today, -1), today, addDays(today, 1), addDays(today, 2)]) {
    const run = zonedInstant(date, hh, timeZone);
    if (run > now) return run;
  }
  throw new Error('unreachable: a day has an hour');
}
