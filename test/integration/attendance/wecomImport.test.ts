import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCheckin, startWeComFake, type WeComFake } from '#infra/local/wecomFake.ts';
import { client, expectProblem, must } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * WeCom's check-in (打卡) records imported from the WeCom fake as punches, through the same verdicts
 * as the app's. Li Lei (E1003, WeCom lilei) consented to location data and punches from his phone;
 * E1010 (WeCom e1010) did not consent and has no device on record. Monday 11-02 in Shanghai.
 */
let stack: TestRuntime;
let fake: WeComFake;
let api: ReturnType<typeof client>;
const corp = { corpId: 'ww-hongtu', corpSecret: 'app-secret', agentId: 1000002 };
const hq = { lat: 31.2304, lng: 121.4737 };
const phone = 'E5FA89F6-3926-4972-BE4F-4A7ACF4701E2';
const officeWifi = '3c:46:d8:0c:7a:70';
const name = { 'zh-CN': '名称', en: 'Name' };
const hr = () => stack.tokenFor('E1041');
const seconds = (iso: string) => Date.parse(iso) / 1000;

const records: FakeCheckin[] = [
  {
    userid: 'lilei',
    groupname: '打卡一组',
    checkin_type: '上班打卡',
    exception_type: '',
    checkin_time: seconds('2026-11-02T00:58:00Z'), // 08:58 in Shanghai
    location_title: '上海总部',
    wifiname: 'HQ',
    wifimac: '3C:46:D8:0C:7A:70',
    lat: Math.round(hq.lat * 1e6),
    lng: Math.round(hq.lng * 1e6),
    deviceid: phone,
  },
  {
    userid: 'lilei',
    checkin_type: '下班打卡',
    exception_type: '地点异常',
    checkin_time: seconds('2026-11-02T10:10:00Z'),
    lat: Math.round((hq.lat + 0.05) * 1e6),
    lng: Math.round(hq.lng * 1e6),
    deviceid: phone,
    notes: '客户现场 At the client',
  },
  {
    userid: 'e1010',
    checkin_type: '上班打卡',
    exception_type: '时间异常',
    checkin_time: seconds('2026-11-02T01:30:00Z'),
    wifimac: officeWifi,
    lat: Math.round(hq.lat * 1e6),
    lng: Math.round(hq.lng * 1e6),
  },
  {
    userid: 'e1010',
    checkin_type: '下班打卡',
    exception_type: '未打卡',
    checkin_time: 0,
    sch_checkin_time: seconds('2026-11-02T10:00:00Z'),
  },
  {
    userid: 'e1010',
    checkin_type: '上班打卡',
    exception_type: '非常用设备;wifi异常',
    checkin_time: seconds('2026-11-03T00:55:00Z'),
    wifimac: 'aa:aa:aa:aa:aa:aa',
    deviceid: 'someone-elses-phone',
  },
];

beforeAll(async () => {
  fake = await startWeComFake({ ...corp, members: 'anyone', now: () => stack.clock.now() });
  stack = await startTestRuntime({
    wecom: {
      apiBase: fake.url,
      ...corp,
      callbackToken: 'token',
      callbackAesKey: 'a'.repeat(43),
      appUrl: 'https://hr.hongtu.example',
    },
  });
  api = client(stack);
  await stack.loadDemo();
  const token = await hr();
  for (const [id, wecomUserId] of [
    ['E1003', 'lilei'],
    ['E1010', 'e1010'],
  ] as const)
    expect((await api.change(`/v1/employees/${id}`, token, { wecomUserId })).status).toBe(200);
  await must(
    api.post('/v1/sites', token, {
      id: 'wc-hq',
      name: { 'zh-CN': '上海总部', en: 'Shanghai HQ' },
      timeZone: 'Asia/Shanghai',
      geofences: [{ ...hq, radiusMetres: 200 }],
      wifi: { networks: [{ bssid: officeWifi, ssid: 'HQ' }] },
    }),
  );
  await must(api.post('/v1/shifts', token, { id: 'office', name, start: '09:00', end: '18:00' }));
  for (const [id, devices] of [
    ['E1003', [phone]],
    ['E1010', []],
  ] as const)
    await must(
      api.put(
        `/v1/employees/${id}/attendance-rules`,
        token,
        { sites: ['wc-hq'], shifts: [{ shiftId: 'office', from: '2026-11-01' }], devices },
        '"v0"',
      ),
    );
  await must(api.put('/v1/employees/E1003/location-consent', await stack.tokenFor('E1003'), { given: true }));
  fake.addCheckins(...records);
  stack.clock.set('2026-11-04T02:00:00Z');
  await stack.catchUp(); // 11-02 and 11-03 close without punches: absent
});
afterAll(async () => {
  await stack.stop();
  await fake.stop();
});

const punchesOf = async (employeeId: string) =>
  (await api.get(`/v1/attendance/punches?employeeId=${employeeId}&from=2026-11-02&to=2026-11-03`, await hr()))
    .body.items as {
    source: string;
    kind?: string;
    verdict: { status: string; reasons: { code: string; detail: string }[] };
    wecom?: unknown;
  }[];

describe('WeCom check-in records', () => {
  it('import as punches with WeCom’s exceptions mapped to the verdict’s reasons', async () => {
    const imported = await api.post('/v1/attendance/wecom-imports', await hr(), {
      from: '2026-11-02',
      to: '2026-11-03',
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({
      people: expect.any(Number), // the demo's people with a WeCom userid, under 100: one call
      calls: 1,
      records: 5,
      imported: 4,
      again: 0,
      missed: 1,
      flagged: 3,
      exceptions: { 地点异常: 1, 时间异常: 1, 未打卡: 1, 非常用设备: 1, wifi异常: 1 },
      failed: [],
    });
    const lilei = await punchesOf('E1003');
    expect(lilei).toMatchObject([
      {
        source: 'wecom',
        kind: 'in',
        bssid: officeWifi,
        deviceId: phone,
        verdict: { status: 'accepted', reasons: [], siteId: 'wc-hq' },
        wecom: { checkinType: '上班打卡', exceptions: [], groupName: '打卡一组' },
      },
      {
        kind: 'out',
        note: '客户现场 At the client',
        verdict: { status: 'flagged', reasons: [{ code: 'outside_geofence', detail: 'WeCom: 地点异常' }] },
      },
    ]);
    const other = await punchesOf('E1010');
    expect(other.map((p) => p.verdict.reasons.map((r) => r.code).sort())).toEqual([
      ['outside_window', 'unknown_device'],
      ['no_place_evidence', 'unknown_device', 'wifi_not_allowed'],
    ]);
  });

  it('recompute the days they belong to, and import nothing twice', async () => {
    const days = await api.get(
      '/v1/employees/E1003/attendance-days?from=2026-11-02&to=2026-11-03',
      await hr(),
    );
    expect(days.body.items).toMatchObject([
      {
        workDate: '2026-11-02',
        status: 'incomplete',
        firstIn: '2026-11-02T00:58:00.000Z',
        missing: ['out'],
        punches: { accepted: 1, flagged: 1 },
      },
      { workDate: '2026-11-03', status: 'absent' },
    ]);
    const again = await api.post('/v1/attendance/wecom-imports', await hr(), {
      from: '2026-11-02',
      to: '2026-11-03',
    });
    expect(again.body).toMatchObject({ records: 5, imported: 0, again: 4 });
    expect(await punchesOf('E1003')).toHaveLength(2);
  });

  it('split a long range into WeCom’s 30-day calls, and report a call WeCom refused', async () => {
    const imported = { people: 0 };
    imported.people = Number(
      (await api.post('/v1/attendance/wecom-imports', await hr(), { from: '2026-11-02', to: '2026-11-02' }))
        .body.people,
    );
    const before = fake.calls.checkin;
    fake.refuseNext(45009);
    const long = await api.post('/v1/attendance/wecom-imports', await hr(), {
      from: '2026-10-01',
      to: '2026-11-03',
    });
    expect(fake.calls.checkin - before).toBe(2);
    expect(long.body).toMatchObject({
      calls: 2,
      failed: [
        {
          errcode: 45009,
          users: imported.people,
          from: '2026-09-30T16:00:00.000Z',
          to: '2026-10-30T15:59:59.000Z',
        },
      ],
      again: 4,
    });
    const tooLong = await api.post('/v1/attendance/wecom-imports', await hr(), {
      from: '2026-09-01',
      to: '2026-11-03',
    });
    expect(tooLong.body.errors).toMatchObject([{ field: 'body.to' }]);
    expectProblem(
      await api.post('/v1/attendance/wecom-imports', await stack.tokenFor('E1003'), {
        from: '2026-11-02',
        to: '2026-11-03',
      }),
      403,
    );
  });
});
