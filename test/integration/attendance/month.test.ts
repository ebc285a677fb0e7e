import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '#kernel/csv.ts';
import { addDays, zonedInstant } from '#kernel/time.ts';
import { client, expectProblem, must } from '../support/http.ts';
import { newEmployee } from '../support/people.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * November 2026 for two people at two sites in different zones (D95: lead E9500; E9501 at the
 * Shanghai HQ, UTC+8; E9502 in Berlin, UTC+1), both on the day shift 09:00–18:00 with a lunch break
 * 12:00–13:00, grace 5 minutes, overtime tolerance 15. Shanghai closes on Friday 11-20 (company day).
 * Each normally punches 08:55 and 18:05 local: 550 minutes less the break = 490 worked, no overtime.
 *
 * E9501, Shanghai — 30 days: 9 rest, 1 holiday, 20 working:
 *   11-04 in at 09:20            late 20; worked 525 − 60 = 465
 *   11-10 no punch               absent
 *   11-12 leave (HR)             on leave
 *   11-17 out at 20:30           worked 695 − 60 = 635; overtime 150 − 15 = 135; claims 3 h → flagged (+45)
 *   11-18 a punch 2 km away (flagged) at 08:50, then in at 08:58: worked 547 − 60 = 487
 *   11-21 Saturday 10:00–14:00   rest day worked 240 (no break on a day off); overtime 240 − 15 = 225
 *   11-25 in only                incomplete, missing out
 *   present 17: 14 × 490 + 465 + 635 + 487 = 8,447; worked 8,447 + 240 = 8,687; overtime 135 + 225 = 360
 *
 * E9502, Berlin — 30 days: 9 rest, 21 working, all present:
 *   11-05 out at 17:00           early 60; worked 485 − 60 = 425
 *   11-19 out at 19:00           worked 605 − 60 = 545; overtime 60 − 15 = 45; claims 0.75 h → not flagged
 *   worked 19 × 490 + 425 + 545 = 10,280; overtime 45
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const hq = { lat: 31.2304, lng: 121.4737 };
const name = { 'zh-CN': '名称', en: 'Name' };
const shanghai = 'Asia/Shanghai';
const berlin = 'Europe/Berlin';

const hr = () => stack.tokenFor('E1041');
const person = (id: string, managerId: string, timeZone = shanghai) =>
  newEmployee(id, {
    label: 'Month',
    departmentId: 'D95',
    managerId,
    ...(timeZone === shanghai ? {} : { site: 'Berlin', timeZone }),
  });

/** One punch at a local time where the person works, with the clock set to it. */
const punchAt = async (
  who: 'E9501' | 'E9502',
  date: string,
  time: string,
  where: 'site' | 'away' = 'site',
) => {
  const zone = who === 'E9501' ? shanghai : berlin;
  const at = zonedInstant(date, time, zone);
  stack.clock.set(at.toISOString());
  const token = await stack.account(who, ['employee']);
  const place =
    who === 'E9501'
      ? {
          position:
            where === 'site'
              ? { ...hq, accuracyMetres: 10 }
              : { lat: hq.lat + 0.02, lng: hq.lng, accuracyMetres: 10 },
        }
      : { wifi: { bssid: 'aa:bb:cc:dd:ee:02' } };
  const r = await api.post('/v1/attendance/punches', token, {
    ...place,
    deviceTime: `${date}T${time}:00${who === 'E9501' ? '+08:00' : '+01:00'}`,
    deviceTimeZone: zone,
    deviceId: `phone-${who}`,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};

type Day = { in?: string; out?: string; flaggedFirst?: boolean };
const plan = (who: 'E9501' | 'E9502', date: string): Day | undefined => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (who === 'E9501') {
    if (date === '2026-11-21') return { in: '10:00', out: '14:00' };
    if (weekday === 0 || weekday === 6 || ['2026-11-10', '2026-11-12', '2026-11-20'].includes(date))
      return undefined;
    if (date === '2026-11-04') return { in: '09:20', out: '18:05' };
    if (date === '2026-11-17') return { in: '08:55', out: '20:30' };
    if (date === '2026-11-18') return { in: '08:58', out: '18:05', flaggedFirst: true };
    if (date === '2026-11-25') return { in: '08:55' };
    return { in: '08:55', out: '18:05' };
  }
  if (weekday === 0 || weekday === 6) return undefined;
  if (date === '2026-11-05') return { in: '08:55', out: '17:00' };
  if (date === '2026-11-19') return { in: '08:55', out: '19:00' };
  return { in: '08:55', out: '18:05' };
};

beforeAll(async () => {
  stack = await startTestRuntime({ epoch: '2026-10-31T16:00:00.000Z' });
  api = client(stack);
  await stack.loadDemo();
  const token = await hr();
  await must(
    api.post('/v1/departments', token, {
      id: 'D95',
      name: '跨区考勤组',
      nameEn: 'Regions Lab',
      parentId: 'D02',
    }),
  );
  await must(api.post('/v1/employees', token, person('E9500', 'E1001')));
  await must(api.post('/v1/employees', token, person('E9501', 'E9500')));
  await must(api.post('/v1/employees', token, person('E9502', 'E9500', berlin)));
  await must(
    api.post('/v1/sites', token, {
      id: 'month-hq',
      name: { 'zh-CN': '上海总部', en: 'Shanghai HQ' },
      timeZone: shanghai,
      geofences: [{ ...hq, radiusMetres: 200 }],
      calendar: { holidays: [{ on: '2026-11-20', name: '公司日 Company day' }] },
    }),
  );
  await must(
    api.post('/v1/sites', token, {
      id: 'month-berlin',
      name: { 'zh-CN': '柏林办公室', en: 'Berlin office' },
      timeZone: berlin,
      geofences: [{ lat: 52.52, lng: 13.405, radiusMetres: 150 }],
      wifi: { required: true, networks: [{ bssid: 'aa:bb:cc:dd:ee:02' }] },
    }),
  );
  await must(
    api.post('/v1/shifts', token, {
      id: 'office',
      name,
      start: '09:00',
      end: '18:00',
      break: { start: '12:00', minutes: 60 },
    }),
  );
  for (const [who, site] of [
    ['E9501', 'month-hq'],
    ['E9502', 'month-berlin'],
  ] as const)
    await must(
      api.put(
        `/v1/employees/${who}/attendance-rules`,
        token,
        { sites: [site], shifts: [{ shiftId: 'office', from: '2026-11-01' }], devices: [`phone-${who}`] },
        '"v0"',
      ),
    );
  await must(
    api.put('/v1/employees/E9501/location-consent', await stack.account('E9501', ['employee']), {
      given: true,
    }),
  );
  await must(
    api.post('/v1/leave', token, {
      employeeId: 'E9501',
      kind: 'annual',
      from: '2026-11-12',
      to: '2026-11-12',
    }),
  );

  for (let date = '2026-11-01'; date <= '2026-11-30'; date = addDays(date, 1)) {
    const moments = (['E9501', 'E9502'] as const)
      .flatMap((who) => {
        const day = plan(who, date);
        const zone = who === 'E9501' ? shanghai : berlin;
        if (!day) return [];
        return [
          ...(day.flaggedFirst ? [{ who, time: '08:50', where: 'away' as const }] : []),
          ...(day.in ? [{ who, time: day.in, where: 'site' as const }] : []),
          ...(day.out ? [{ who, time: day.out, where: 'site' as const }] : []),
        ].map((m) => ({ ...m, at: zonedInstant(date, m.time, zone).getTime() }));
      })
      .sort((a, b) => a.at - b.at);
    for (const m of moments) await punchAt(m.who, date, m.time, m.where);
    if (date === '2026-11-17') {
      const claim = await api.post('/v1/overtime-claims', await stack.account('E9501', ['employee']), {
        workDate: date,
        hours: 3,
        reason: 'Client dinner preparation',
      });
      expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    }
    if (date === '2026-11-19') {
      const claim = await api.post('/v1/overtime-claims', await stack.account('E9502', ['employee']), {
        workDate: date,
        hours: 0.75,
        reason: 'Quarterly report',
      });
      expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    }
    // After midnight in Berlin (the later zone), the hourly job closes the day at both sites.
    stack.clock.set(`${addDays(date, 1)}T00:30:00Z`);
    await stack.catchUp();
  }
}, 240_000);
afterAll(() => stack.stop());

const reportOf = async (query: string) => {
  const r = await api.get(`/v1/attendance/report?month=2026-11&${query}`, await hr());
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as {
    people: {
      employeeId: string;
      totals: Record<string, unknown>;
      days: { workDate: string; status: string }[];
    }[];
    nextAfter?: string;
  };
};

describe('a month at two sites in different zones', () => {
  it('gives the Shanghai person’s days and totals as computed by hand', async () => {
    const report = await reportOf('siteId=month-hq');
    const row = report.people.find((p) => p.employeeId === 'E9501');
    expect(row?.days).toHaveLength(30);
    expect(row?.totals).toEqual({
      days: 30,
      present: 17,
      incomplete: 1,
      absent: 1,
      onLeave: 1,
      rest: 9,
      holidays: 1,
      late: { days: 1, minutes: 20 },
      early: { days: 0, minutes: 0 },
      workedMinutes: 8687,
      flaggedPunches: 1,
      overtime: {
        evidencedMinutes: 360,
        claims: 1,
        claimedMinutes: 180,
        approvedMinutes: 0,
        flaggedClaims: 1,
      },
    });
    const days = Object.fromEntries((row?.days ?? []).map((d) => [d.workDate, d]));
    expect(days['2026-11-20']).toMatchObject({ status: 'holiday', holiday: '公司日 Company day' });
    expect(days['2026-11-25']).toMatchObject({ status: 'incomplete', missing: ['out'] });
    expect(days['2026-11-21']).toMatchObject({ status: 'rest', workedMinutes: 240, overtimeMinutes: 225 });
    // The day in full, with each part of its overtime.
    const full = await api.get(
      '/v1/employees/E9501/attendance-days?from=2026-11-21&to=2026-11-21',
      await hr(),
    );
    expect(full.body.items).toMatchObject([
      { overtime: { dayOff: 240, toleranceMinutes: 15, minutes: 225 } },
    ]);
    expect(days['2026-11-04']).toMatchObject({
      firstIn: '2026-11-04T01:20:00.000Z',
      lateMinutes: 20,
      timeZone: shanghai,
    });
  });

  it('gives the Berlin person’s in Berlin time', async () => {
    const report = await reportOf('siteId=month-berlin');
    expect(report.people.map((p) => p.employeeId)).toEqual(['E9502']);
    expect(report.people[0]?.totals).toEqual({
      days: 30,
      present: 21,
      incomplete: 0,
      absent: 0,
      onLeave: 0,
      rest: 9,
      holidays: 0,
      late: { days: 0, minutes: 0 },
      early: { days: 1, minutes: 60 },
      workedMinutes: 10280,
      flaggedPunches: 0,
      overtime: { evidencedMinutes: 45, claims: 1, claimedMinutes: 45, approvedMinutes: 0, flaggedClaims: 0 },
    });
    const day = report.people[0]?.days.find((d) => d.workDate === '2026-11-05');
    expect(day).toMatchObject({ timeZone: berlin, lastOut: '2026-11-05T16:00:00.000Z', earlyMinutes: 60 });
  });

  it('is a CSV Excel opens, each time in its site’s zone, and reads by department too', async () => {
    const csv = await stack.request('/v1/attendance/report?month=2026-11&departmentId=D95&format=csv', {
      token: await hr(),
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel reads as UTF-8
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const line = (employeeId: string, workDate: string) =>
      rows.find((r) => r.fields[0] === employeeId && r.fields[2] === workDate)?.fields;
    expect(line('E9501', '2026-11-17')).toEqual([
      'E9501',
      'Month A Month A',
      '2026-11-17',
      'month-hq',
      shanghai,
      'present',
      'office',
      '2026-11-17 08:55',
      '2026-11-17 20:30',
      '635',
      '0',
      '0',
      '',
      '135',
      '180',
      '0',
    ]);
    expect(line('E9502', '2026-11-19')?.slice(7, 10)).toEqual([
      '2026-11-19 08:55',
      '2026-11-19 19:00',
      '545',
    ]);
    const byDepartment = await reportOf('departmentId=D95');
    expect(byDepartment.people.map((p) => p.employeeId)).toEqual(['E9500', 'E9501', 'E9502']);
    expect(byDepartment.people[0]?.days).toEqual([]); // the lead has no rules: no days
  });

  it('sums the company by site and zone', async () => {
    const summary = await api.get('/v1/attendance/summary?month=2026-11', await hr());
    expect(summary.body.sites).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          siteId: 'month-berlin',
          timeZone: berlin,
          people: 1,
          workedMinutes: 10280,
        }),
        expect.objectContaining({
          siteId: 'month-hq',
          timeZone: shanghai,
          people: 1,
          workedMinutes: 8687,
          absent: 1,
        }),
      ]),
    );
  });

  it('holds the claim against the punches, with the numbers', async () => {
    const claims = await api.get('/v1/overtime-claims?employeeId=E9501&month=2026-11', await hr());
    expect(claims.body).toMatchObject({
      totals: { claims: 1, claimedMinutes: 180, evidencedMinutes: 135, approvedMinutes: 0, flagged: 1 },
      items: [
        {
          workDate: '2026-11-17',
          claimedMinutes: 180,
          flagged: true,
          excessMinutes: 45,
          marginMinutes: 15,
          evidence: { minutes: 135, after: 150, toleranceMinutes: 15, shift: { id: 'office' } },
          approver: { employeeId: 'E9500', because: 'manager' },
          status: 'pending',
        },
      ],
    });
    expectProblem(
      await api.get(
        '/v1/attendance/report?month=2026-11&siteId=month-hq',
        await stack.account('E9501', ['employee']),
      ),
      403,
    );
    expectProblem(await api.get('/v1/attendance/report?month=2026-11', await hr()), 400);
  });
});
