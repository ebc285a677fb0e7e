import { describe, expect, it } from 'vitest';
import { workingDaysAfter } from '#domain/communication/index.ts';
import { addDays, daysBetween, localDate, startOfDay, zonedInstant } from '#kernel/time.ts';

describe('company time', () => {
  it('starts a day at midnight where the company is', () => {
    expect(startOfDay('2026-12-08', 'Asia/Shanghai').toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(startOfDay('2026-12-08', 'UTC').toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(localDate(new Date('2026-12-07T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-08');
  });

  it('follows daylight saving time', () => {
    expect(zonedInstant('2026-03-29', '06:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T04:00:00.000Z',
    );
    expect(zonedInstant('2026-03-28', '06:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T05:00:00.000Z',
    );
    expect(zonedInstant('2026-11-01', '06:00', 'America/New_York').toISOString()).toBe(
      '2026-11-01T11:00:00.000Z',
    );
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-02', '2026-12-02')).toBe(30);
  });
});

describe('working days after an instant', () => {
  it('skip the weekend, keep the wall-clock time, and count a weekend ask from Monday morning', () => {
    const at = (local: string) => zonedInstant(local.slice(0, 10), local.slice(11), 'Asia/Shanghai');
    // Friday 16:00 + 2 → Tuesday 16:00; Monday 09:00 + 2 → Wednesday 09:00; Saturday → Wednesday 00:00.
    expect(workingDaysAfter(at('2026-11-06T16:00'), 2, 'Asia/Shanghai')).toEqual(at('2026-11-10T16:00'));
    expect(workingDaysAfter(at('2026-11-02T09:00'), 2, 'Asia/Shanghai')).toEqual(at('2026-11-04T09:00'));
    expect(workingDaysAfter(at('2026-11-07T11:00'), 2, 'Asia/Shanghai')).toEqual(at('2026-11-11T00:00'));
  });
});
