import { makeAttendanceSetupStore, makePunchStore } from '#adapters/aws/attendance/index.ts';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { type Punch, punchId, weekdayOf } from '#domain/attendance/index.ts';
import { addDays, zonedInstant } from '#kernel/time.ts';
import { demoApi } from './demoApi.ts';

const wangFang = 'E1002';
/** Sales in Shanghai (Wang Fang's team), and Han Meimei's desk in London. */
const teams = [
  {
    siteId: 'shanghai-hq',
    timeZone: 'Asia/Shanghai',
    people: [
      'E1002',
      'E1003',
      'E1004',
      'E1005',
      'E1006',
      'E1007',
      'E1008',
      'E1009',
      'E1010',
      'E1011',
      'E1012',
    ],
  },
  {
    siteId: 'london-desk',
    timeZone: 'Europe/London',
    people: ['E1013', 'E1014', 'E1015', 'E1016', 'E1017', 'E1018', 'E1019'],
  },
] as const;

/**
 * Attendance in the demo company, the seed's central story: the veteran claims three hours of
 * overtime twice in a week "for a client dinner", and the punches show her leaving at 18:20 — five
 * minutes of overtime after the tolerance. Two sites in two zones (the Shanghai HQ and a London
 * desk), the office shift, each person's rules, and the past five working days punched at each: most
 * people 08:55–18:05, Li Lei late once. Wang Fang's two claims are flagged with the numbers, the
 * second with the first's reason repeated; as a key person, hers go to Zhang Wei.
 *
 * The sites, shift, rules and claims are made through the API; the sites are dated a week back and
 * the past week's punches are written through the punch store as they happened (the API records a
 * punch at the moment it arrives). `closeDays` runs the hourly job, so the days are there at once.
 */
export async function loadDemoAttendance(options: {
  url: string;
  token: (employeeId: string) => Promise<string>;
  table: HrTable;
  today: string;
  now: Date;
  closeDays: () => Promise<unknown>;
}) {
  const call = demoApi(options.url, options.token);
  const hr = 'E1040';
  const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  await call(hr, 'POST', '/v1/sites', {
    id: 'shanghai-hq',
    name: name('上海总部', 'Shanghai HQ'),
    timeZone: 'Asia/Shanghai',
    geofences: [{ label: 'Tower', lat: 31.2304, lng: 121.4737, radiusMetres: 200 }],
    wifi: { networks: [{ bssid: 'a4:5e:60:c1:00:01', ssid: 'HONGTU-HQ' }] },
  });
  await call(hr, 'POST', '/v1/sites', {
    id: 'london-desk',
    name: name('伦敦办公室', 'London desk'),
    timeZone: 'Europe/London',
    geofences: [{ lat: 51.5145, lng: -0.083, radiusMetres: 150 }],
    wifi: { required: true, networks: [{ bssid: 'a4:5e:60:c1:00:02', ssid: 'HONGTU-LDN' }] },
  });
  await call(hr, 'POST', '/v1/shifts', {
    id: 'office',
    name: name('办公室班', 'Office'),
    start: '09:00',
    end: '18:00',
    break: { start: '12:00', minutes: 60 },
  });
  const workdays: string[] = [];
  for (let day = addDays(options.today, -1); workdays.length < 5; day = addDays(day, -1))
    if (weekdayOf(day) <= 5) workdays.unshift(day);
  const from = workdays[0] as string;
  for (const team of teams)
    for (const id of team.people)
      await call(
        hr,
        'PUT',
        `/v1/employees/${id}/attendance-rules`,
        { sites: [team.siteId], shifts: [{ shiftId: 'office', from }], devices: [`phone-${id}`] },
        '"v0"',
      );

  // The sites existed the week before: their days are computed from its first working day.
  const setup = makeAttendanceSetupStore(options.table);
  for (const team of teams) {
    const site = await setup.site(team.siteId);
    if (site)
      await setup.saveSite({ ...site, version: site.version + 1, createdAt: `${from}T00:00:00.000Z` });
  }

  const punches = makePunchStore(options.table);
  let n = 0;
  for (const team of teams)
    for (const workDate of workdays)
      for (const id of team.people) {
        const late = id === 'E1003' && workDate === workdays[1];
        const times = [late ? '09:25' : '08:55', id === wangFang ? '18:20' : '18:05'];
        for (const [k, time] of times.entries()) {
          const at = zonedInstant(workDate, time, team.timeZone);
          if (at >= options.now) continue;
          const punch: Punch = {
            id: punchId(at, (n++).toString(16).padStart(8, '0')),
            employeeId: id,
            source: 'app',
            at: at.toISOString(),
            receivedAt: at.toISOString(),
            kind: k === 0 ? 'in' : 'out',
            deviceTime: at.toISOString(),
            deviceTimeZone: team.timeZone,
            deviceId: `phone-${id}`,
            bssid: team.siteId === 'shanghai-hq' ? 'a4:5e:60:c1:00:01' : 'a4:5e:60:c1:00:02',
            mockLocation: false,
            siteTimeZone: team.timeZone,
            workDate,
            shiftId: 'office',
            verdict: { status: 'accepted', reasons: [], siteId: team.siteId },
          };
          await punches.create(punch);
        }
      }
  await options.closeDays();

  const claims: string[] = [];
  for (const workDate of workdays.slice(-2)) {
    const claim = await call(wangFang, 'POST', '/v1/overtime-claims', {
      workDate,
      hours: 3,
      reason: '陪客户晚宴 Dinner with a client',
    });
    claims.push(String(claim.id));
  }
  return { sites: teams.map((t) => t.siteId), workdays, claims };
}
