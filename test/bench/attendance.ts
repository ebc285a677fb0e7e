import { randomBytes } from 'node:crypto';
import {
  type AttendanceDay,
  type AttendanceMonth,
  monthRowKeys,
  type Punch,
  punchKeys,
  rulesKeys,
  withDay,
} from '#domain/attendance/index.ts';
import { accountItem } from '#domain/people/access.ts';
import { departmentItem, indexItems, profileItem } from '#domain/people/index.ts';
import { scheduledEvent } from '#infra/local/dailyJobs.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';
import { mapConcurrently } from '#kernel/concurrency.ts';
import { addDays, zonedInstant } from '#kernel/time.ts';
import { benchStack, countDynamodbCalls } from './localStack.ts';
import { benchEmployee } from './seeds.ts';
import { percentile, table } from './stats.ts';

/**
 * Attendance for 5,000 employees in 100 departments of 50, half at the Shanghai HQ and half in
 * Berlin, on the day shift: punches per second through the API (one at a time, and eight at once);
 * the hourly job closing a work date of 10,000 punches at both sites; and the monthly report of
 * 5,000 people × 22 working days read site by site, page by page (200 people a page), with its
 * DynamoDB calls.
 */
const employees = Number(process.env.BENCH_ATTENDANCE_EMPLOYEES ?? 5000);
const perDepartment = 50;
const departments = Math.ceil(employees / perDepartment);
const at = '2026-10-01T00:00:00.000Z';
const sites = [
  { id: 'bench-hq', timeZone: 'Asia/Shanghai', lat: 31.2304, lng: 121.4737 },
  { id: 'bench-berlin', timeZone: 'Europe/Berlin', lat: 52.52, lng: 13.405 },
];
const siteOf = (d: number) => sites[d % 2] as (typeof sites)[number];
const idOf = (d: number, m: number) => `E${2_000_000 + d * perDepartment + m}`;

const seedPeople = () =>
  Array.from({ length: departments }, (_, d) => {
    const departmentId = `D${8000 + d}`;
    const members = Array.from({ length: perDepartment }, (_, m) =>
      benchEmployee(2_000_000 + d * perDepartment + m, departmentId, '销售 Sales', {
        ...(m > 0 ? { managerId: idOf(d, 0) } : { managerId: 'E1001' }),
        timeZone: siteOf(d).timeZone,
      }),
    );
    return [
      departmentItem({
        id: departmentId,
        name: `考勤${d}组`,
        nameEn: `Attendance ${d}`,
        parentId: 'D02',
        version: 1,
        createdAt: at,
        updatedAt: at,
      }),
      {
        ...rulesKeys.item('department', departmentId),
        type: 'AttendanceRules',
        scope: 'department',
        id: departmentId,
        sites: [siteOf(d).id],
        shifts: [{ shiftId: 'bench-day', from: '2026-10-01' }],
        devices: [],
        version: 1,
        updatedBy: 'E1041',
        updatedAt: at,
      },
      ...members.flatMap((p, m) => [
        profileItem({
          ...p,
          version: 1,
          createdAt: at,
          updatedAt: at,
          directReports: m === 0 ? perDepartment - 1 : 0,
        }),
        ...indexItems(p),
        accountItem({ employeeId: p.id, status: 'enabled', roles: ['employee'] }, { at, version: 1 }),
        {
          ...rulesKeys.item('employee', p.id),
          type: 'AttendanceRules',
          scope: 'employee',
          id: p.id,
          sites: [siteOf(d).id],
          shifts: [{ shiftId: 'bench-day', from: '2026-10-01' }],
          devices: [`phone-${p.id}`],
          version: 1,
          updatedBy: 'E1041',
          updatedAt: at,
        },
      ]),
    ];
  }).flat();

/** A work date's two accepted punches for everyone (as the API would have recorded them). */
const punchesOn = (workDate: string) =>
  Array.from({ length: departments }, (_, d) => d).flatMap((d) =>
    Array.from({ length: perDepartment }, (_, m) =>
      ['08:55', '18:05'].map((time, k) => {
        const instant = zonedInstant(workDate, time, siteOf(d).timeZone).toISOString();
        const punch: Punch = {
          id: `PU${instant.slice(0, 19).replace(/[-:T]/g, '')}${randomBytes(4).toString('hex')}`,
          employeeId: idOf(d, m),
          source: 'app',
          at: instant,
          receivedAt: instant,
          kind: k === 0 ? 'in' : 'out',
          deviceId: `phone-${idOf(d, m)}`,
          mockLocation: false,
          siteTimeZone: siteOf(d).timeZone,
          workDate,
          shiftId: 'bench-day',
          verdict: { status: 'accepted', reasons: [], siteId: siteOf(d).id, distanceMetres: 0 },
        };
        return {
          ...punchKeys.item(punch),
          type: 'Punch',
          gsi1pk: punchKeys.day(workDate),
          gsi1sk: punchKeys.daySort(punch),
          ...punch,
        };
      }),
    ).flat(),
  );

/** November's first 21 working days, as the job would have written their months' rows (to read back). */
const monthDays = () => {
  const dates = Array.from({ length: 30 }, (_, n) => addDays('2026-11-01', n))
    .filter((date) => {
      const w = new Date(`${date}T00:00:00Z`).getUTCDay();
      return w !== 0 && w !== 6;
    })
    .slice(0, 22);
  return Array.from({ length: departments }, (_, d) => d).flatMap((d) =>
    Array.from({ length: perDepartment }, (_, m) =>
      dates.map((workDate) => {
        const day: AttendanceDay = {
          employeeId: idOf(d, m),
          workDate,
          siteId: siteOf(d).id,
          timeZone: siteOf(d).timeZone,
          status: 'present',
          shift: {
            id: 'bench-day',
            start: zonedInstant(workDate, '09:00', siteOf(d).timeZone).toISOString(),
            end: zonedInstant(workDate, '18:00', siteOf(d).timeZone).toISOString(),
            scheduledMinutes: 480,
          },
          firstIn: zonedInstant(workDate, '08:55', siteOf(d).timeZone).toISOString(),
          lastOut: zonedInstant(workDate, '18:05', siteOf(d).timeZone).toISOString(),
          workedMinutes: 490,
          lateMinutes: 0,
          earlyMinutes: 0,
          missing: [],
          overtime: {
            before: 5,
            after: 5,
            dayOff: 0,
            toleranceMinutes: 15,
            beforeShiftCounts: false,
            minutes: 0,
          },
          punches: { accepted: 2, flagged: 0 },
          flagged: [],
          computedAt: at,
        };
        return day;
      }),
    ).flat(),
  );
};

const monthRows = () => {
  const byPerson = new Map<string, AttendanceMonth>();
  for (const day of monthDays()) byPerson.set(day.employeeId, withDay(byPerson.get(day.employeeId), day, at));
  return [...byPerson.values()].map((r) => ({
    ...monthRowKeys.item(r.month, r.siteId, r.employeeId),
    type: 'AttendanceMonth',
    gsi1pk: monthRowKeys.of(r.employeeId),
    gsi1sk: `${r.month}#${r.siteId}`,
    ...r,
  }));
};

export async function attendanceReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const { dynamo } = stack.runtime.clients;
    const tableName = stack.runtime.names.tables.hr;
    const calls = await countDynamodbCalls();
    const hr = await stack.tokenFor('E1041');
    const call = async (method: string, path: string, body?: unknown, token = hr) => {
      const r = await fetch(`${stack.runtime.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return { body: JSON.parse(text) as Record<string, unknown>, bytes: text.length };
    };
    const seeding = performance.now();
    for (const s of sites)
      await call('POST', '/v1/sites', {
        id: s.id,
        name: { 'zh-CN': s.id, en: s.id },
        timeZone: s.timeZone,
        geofences: [{ lat: s.lat, lng: s.lng, radiusMetres: 200 }],
      });
    await call('POST', '/v1/shifts', {
      id: 'bench-day',
      name: { 'zh-CN': '白班', en: 'Day' },
      start: '09:00',
      end: '18:00',
      break: { start: '12:00', minutes: 60 },
    });
    await writeAll(dynamo, tableName, seedPeople());
    const seedSeconds = (performance.now() - seeding) / 1000;

    // Punches through the API: Shanghai's people checking in at 09:00 (01:00 UTC, the bench clock).
    const punchers = Array.from({ length: departments }, (_, d) => d)
      .filter((d) => siteOf(d).id === 'bench-hq')
      .flatMap((d) => Array.from({ length: perDepartment }, (_, m) => idOf(d, m)))
      .slice(0, 400);
    const half = Math.floor(punchers.length / 2);
    const tokens = new Map(
      await Promise.all(
        punchers.map(
          async (id) =>
            [
              id,
              await stack.runtime.identityProvider.issue({
                employeeId: id,
                groups: ['employee'],
                ttlSeconds: 86_400,
              }),
            ] as const,
        ),
      ),
    );
    const punch = (id: string) =>
      call(
        'POST',
        '/v1/attendance/punches',
        {
          wifi: { bssid: 'aa:bb:cc:dd:ee:ff' },
          deviceTime: '2026-11-02T09:00:00+08:00',
          deviceTimeZone: 'Asia/Shanghai',
          deviceId: `phone-${id}`,
        },
        tokens.get(id),
      );
    await punch(punchers[0] as string);
    calls.reset();
    let t = performance.now();
    const latencies: number[] = [];
    for (const id of punchers.slice(1, half)) {
      const s = performance.now();
      await punch(id);
      latencies.push(performance.now() - s);
    }
    const serialPerSecond = (half - 1) / ((performance.now() - t) / 1000);
    const punchCalls = calls.describe(half - 1);
    t = performance.now();
    await mapConcurrently(punchers.slice(half), 8, punch);
    const parallelPerSecond = (punchers.length - half) / ((performance.now() - t) / 1000);

    // The hourly job closing 11-02 for everyone: 10,000 punches at two sites.
    await writeAll(dynamo, tableName, punchesOn('2026-11-02'));
    stack.clock.set('2026-11-03T00:30:00.000Z');
    calls.reset();
    t = performance.now();
    await stack.runtime.functions.invoke(
      'AttendanceDays',
      scheduledEvent('AttendanceDays', stack.clock.now()),
    );
    const jobSeconds = (performance.now() - t) / 1000;
    const jobCalls = calls.describe(1);
    const closed = await call(
      'GET',
      `/v1/employees/${idOf(1, 7)}/attendance-days?from=2026-11-02&to=2026-11-02`,
    );

    // The monthly report, site by site and page by page: 5,000 people × 22 days.
    await writeAll(dynamo, tableName, monthRows());
    const pages: number[] = [];
    let bytes = 0;
    let people = 0;
    calls.reset();
    t = performance.now();
    for (const site of sites) {
      let after: string | undefined;
      do {
        const s = performance.now();
        const page = await call(
          'GET',
          `/v1/attendance/report?month=2026-11&siteId=${site.id}${after ? `&after=${after}` : ''}`,
        );
        pages.push(performance.now() - s);
        bytes = Math.max(bytes, page.bytes);
        people += (page.body.people as unknown[]).length;
        after = page.body.nextAfter as string | undefined;
      } while (after);
    }
    const reportSeconds = (performance.now() - t) / 1000;
    const reportCalls = calls.describe(pages.length);
    calls.reset();
    const summaryStart = performance.now();
    const summary = await call('GET', '/v1/attendance/summary?month=2026-11');
    const summaryMs = performance.now() - summaryStart;
    const summaryCalls = calls.describe(1);
    const csvStart = performance.now();
    const csv = await fetch(
      `${stack.runtime.url}/v1/attendance/report?month=2026-11&siteId=bench-hq&format=csv`,
      {
        headers: { authorization: `Bearer ${hr}` },
      },
    );
    const csvBytes = (await csv.arrayBuffer()).byteLength;
    const csvMs = performance.now() - csvStart;

    const rows = [
      ['measure', 'value', 'target', 'ratio to target'],
      [
        'POST /v1/attendance/punches, one at a time',
        `${serialPerSecond.toFixed(0)} /s (p50 ${percentile(latencies, 50).toFixed(0)} ms)`,
        '',
        '',
      ],
      ['  DynamoDB calls per punch', punchCalls, '', ''],
      ['  eight at a time', `${parallelPerSecond.toFixed(0)} /s`, '', ''],
      [
        `AttendanceDays closing a work date: ${employees.toLocaleString('en')} people, ${(employees * 2).toLocaleString('en')} punches, 2 sites`,
        `${jobSeconds.toFixed(2)} s`,
        '≤ 300 s (its timeout)',
        (jobSeconds / 300).toFixed(3),
      ],
      ['  DynamoDB calls', jobCalls, '', ''],
      [
        '  a day it wrote',
        `${(closed.body.items as { status: string; workedMinutes: number }[])[0]?.status} ${(closed.body.items as { workedMinutes: number }[])[0]?.workedMinutes} min`,
        '',
        '',
      ],
      [
        `GET /v1/attendance/report, ${people.toLocaleString('en')} people × 22 days in ${pages.length} pages`,
        `${reportSeconds.toFixed(2)} s`,
        '≤ 10 s',
        (reportSeconds / 10).toFixed(2),
      ],
      ['  a page p50 (200 people)', `${percentile(pages, 50).toFixed(0)} ms`, '', ''],
      ['  DynamoDB calls per page', reportCalls, '', ''],
      [
        '  largest page',
        `${(bytes / 1024).toFixed(0)} KB`,
        '≤ 6 MB (Lambda response)',
        (bytes / 6_291_456).toFixed(2),
      ],
      ['  the first page as CSV', `${csvMs.toFixed(0)} ms, ${(csvBytes / 1024).toFixed(0)} KB`, '', ''],
      [
        `GET /v1/attendance/summary (${(summary.body.sites as unknown[]).length} sites, every day of the month)`,
        `${(summaryMs / 1000).toFixed(2)} s`,
        '≤ 29 s (the API function’s timeout)',
        (summaryMs / 29_000).toFixed(2),
      ],
      ['  DynamoDB calls', summaryCalls, '', ''],
    ];
    return `${table(rows)}\n(seeding: ${seedSeconds.toFixed(1)} s)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await attendanceReport());
