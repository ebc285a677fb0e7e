import { describe, expect, it } from 'vitest';
import { clockTarget, wallClock } from '#infra/local/clockControl.ts';

const now = new Date('2026-12-07T01:00:00.000Z'); // 09:00 in Shanghai
const zone = 'Asia/Shanghai';

describe('where npm run clock moves the manual clock', () => {
  it('moves by weeks, days, hours and minutes, alone or together', () => {
    expect(clockTarget('+3d', now, zone).toISOString()).toBe('2026-12-10T01:00:00.000Z');
    expect(clockTarget('+2h', now, zone).toISOString()).toBe('2026-12-07T03:00:00.000Z');
    expect(clockTarget('+1d12h30m', now, zone).toISOString()).toBe('2026-12-08T13:30:00.000Z');
    expect(clockTarget('+1w', now, zone).toISOString()).toBe('2026-12-14T01:00:00.000Z');
  });

  it("reads a date and time on the company's clock, a date as its midnight, and an offset as given", () => {
    expect(clockTarget('2026-12-20T09:00', now, zone).toISOString()).toBe('2026-12-20T01:00:00.000Z');
    expect(clockTarget('2026-12-20', now, zone).toISOString()).toBe('2026-12-19T16:00:00.000Z');
    expect(clockTarget('2026-12-20T09:00', now, 'Europe/Berlin').toISOString()).toBe(
      '2026-12-20T08:00:00.000Z',
    );
    expect(clockTarget('2026-12-20T09:00+02:00', now, zone).toISOString()).toBe('2026-12-20T07:00:00.000Z');
    expect(clockTarget('2026-12-20T01:00Z', now, zone).toISOString()).toBe('2026-12-20T01:00:00.000Z');
  });

  it('says what it takes for anything else', () => {
    for (const wrong of [
      '3d',
      '-1d',
      '+3x',
      'tomorrow',
      '2026-13-40',
      '2026-12-20 09:00',
      '2026-12-20T25:00',
      '',
    ])
      expect(() => clockTarget(wrong, now, zone), wrong).toThrow(/say \+3d/);
  });

  it("shows times as the company's clock reads them", () => {
    expect(wallClock('2026-12-13T16:00:00.000Z', zone)).toBe('2026-12-14 00:00');
  });
});
