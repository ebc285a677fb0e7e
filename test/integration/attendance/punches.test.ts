import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, must } from '../support/http.ts';
import { newEmployee } from '../support/people.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Check-in verified on the server, on a team built by hand (D94: lead E9400; E9401 works at the
 * Shanghai HQ, E9402 in Berlin, E9403 takes the department's rules). The test clock starts on
 * Monday 2026-11-02 at 01:00 UTC: 09:00 in Shanghai, 02:00 in Berlin.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const hr = () => token.E1041 as string;
const name = { 'zh-CN': '名称', en: 'Name' };
const hq = { lat: 31.2304, lng: 121.4737 };
const inBerlin = { lat: 52.52, lng: 13.405 };

const person = (id: string, managerId: string, timeZone = 'Asia/Shanghai') =>
  newEmployee(id, {
    label: 'Punch',
    departmentId: 'D94',
    managerId,
    ...(timeZone === 'Asia/Shanghai' ? {} : { site: 'Berlin', timeZone }),
  });
const punch = (who: string, body: Record<string, unknown>) =>
  api.post('/v1/attendance/punches', token[who] as string, {
    deviceTime: '2026-11-02T09:00:05+08:00',
    deviceTimeZone: 'Asia/Shanghai',
    deviceId: `phone-${who}`,
    ...body,
  });
const punchesOf = (who: string, as: string) =>
  api.get(`/v1/attendance/punches?employeeId=${who}&from=2026-11-01&to=2026-11-03`, as);

beforeAll(async () => {
  stack = await startTestRuntime({ logLevel: 'ERROR' });
  api = client(stack);
  await stack.loadDemo();
  token.E1041 = await stack.tokenFor('E1041');
  await must(
    api.post('/v1/departments', hr(), {
      id: 'D94',
      name: '考勤实验组',
      nameEn: 'Attendance Lab',
      parentId: 'D02',
    }),
  );
  await must(api.post('/v1/employees', hr(), person('E9400', 'E1001')));
  await must(api.post('/v1/employees', hr(), person('E9401', 'E9400')));
  await must(api.post('/v1/employees', hr(), person('E9402', 'E9400', 'Europe/Berlin')));
  await must(api.post('/v1/employees', hr(), person('E9403', 'E9400')));
  token.E9400 = await stack.account('E9400', ['employee', 'manager']);
  for (const id of ['E9401', 'E9402', 'E9403']) token[id] = await stack.account(id, ['employee']);
});
afterAll(() => stack.stop());

describe('sites, shifts and rules', () => {
  it('are kept by HR, each site in its own zone with its geofences, Wi-Fi and calendar', async () => {
    const site = {
      id: 'shanghai-hq',
      name: { 'zh-CN': '上海总部', en: 'Shanghai HQ' },
      timeZone: 'Asia/Shanghai',
      geofences: [{ label: 'Tower', ...hq, radiusMetres: 200 }],
      wifi: { networks: [{ bssid: 'AA-BB-CC-DD-EE-01', ssid: 'HQ' }] },
      calendar: { holidays: [{ on: '2026-10-01', name: '国庆节 National Day' }] },
    };
    expectProblem(await api.post('/v1/sites', token.E9400 as string, site), 403);
    const badZone = await api.post('/v1/sites', hr(), { ...site, timeZone: 'Mars/Olympus' });
    expect(badZone.body.errors).toMatchObject([{ field: 'body.timeZone' }]);
    const noNetworks = await api.post('/v1/sites', hr(), { ...site, wifi: { required: true } });
    expect(noNetworks.body.errors).toMatchObject([{ field: 'body.wifi.networks' }]);
    const created = await api.post('/v1/sites', hr(), site);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      maxAccuracyMetres: 100,
      positionRetentionDays: 31,
      wifi: { required: false, networks: [{ bssid: 'aa:bb:cc:dd:ee:01' }] },
      calendar: { workingWeekdays: [1, 2, 3, 4, 5] },
    });
    expectProblem(await api.post('/v1/sites', hr(), site), 409, 'site_exists');
    await must(
      api.post('/v1/sites', hr(), {
        id: 'berlin',
        name: { 'zh-CN': '柏林办公室', en: 'Berlin office' },
        timeZone: 'Europe/Berlin',
        geofences: [{ ...inBerlin, radiusMetres: 150 }],
        wifi: { required: true, networks: [{ bssid: 'aa:bb:cc:dd:ee:02' }] },
        positionRetentionDays: 0,
      }),
    );
    const read = await api.get('/v1/sites/shanghai-hq', hr());
    const moved = await api.put(
      '/v1/sites/shanghai-hq',
      hr(),
      { ...site, id: undefined, maxAccuracyMetres: 80 },
      read.headers.get('etag') as string,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, maxAccuracyMetres: 80 });
    expect(moved.headers.get('etag')).toBe('"v2"');
  });

  it('take shifts, a night shift ending the next day', async () => {
    const day = { id: 'day', name, start: '09:00', end: '18:00', break: { start: '12:00', minutes: 60 } };
    expect((await api.post('/v1/shifts', hr(), { ...day, start: '9:00' })).body.errors).toMatchObject([
      { field: 'body.start' },
    ]);
    expect((await must(api.post('/v1/shifts', hr(), day))).overtime).toEqual({
      toleranceMinutes: 15,
      beforeShiftCounts: false,
      claimMarginMinutes: 15,
    });
    await must(api.post('/v1/shifts', hr(), { id: 'night', name, start: '22:00', end: '06:00' }));
  });

  it('give each person sites, shifts by date and devices, or their department’s', async () => {
    const rules = {
      sites: ['shanghai-hq'],
      shifts: [{ shiftId: 'day', from: '2026-11-01' }],
      devices: ['phone-E9401'],
    };
    const path = '/v1/employees/E9401/attendance-rules';
    const unknown = await api.put(path, hr(), { ...rules, sites: ['atlantis'] }, '"v0"');
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.sites.0' }]);
    const overlapping = await api.put(
      path,
      hr(),
      { ...rules, shifts: [...rules.shifts, { shiftId: 'night', from: '2026-12-01' }] },
      '"v0"',
    );
    expect(overlapping.body.errors).toMatchObject([{ field: 'body.shifts' }]);
    const set = await api.put(path, hr(), rules, '"v0"');
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.headers.get('etag')).toBe('"v1"');
    expectProblem(await api.put(path, hr(), rules, '"v0"'), 412, 'stale_version');
    await must(
      api.put(
        '/v1/employees/E9402/attendance-rules',
        hr(),
        { sites: ['berlin'], shifts: [{ shiftId: 'day', from: '2026-11-01' }], devices: ['phone-E9402'] },
        '"v0"',
      ),
    );
    const department = await api.put(
      '/v1/departments/D94/attendance-rules',
      hr(),
      { sites: ['shanghai-hq'], shifts: [{ shiftId: 'day', from: '2026-01-01' }], devices: ['x-1234'] },
      '"v0"',
    );
    expect(department.body.errors).toMatchObject([{ field: 'body.devices' }]);
    await must(
      api.put(
        '/v1/departments/D94/attendance-rules',
        hr(),
        { sites: ['shanghai-hq'], shifts: [{ shiftId: 'day', from: '2026-01-01' }] },
        '"v0"',
      ),
    );
    const theirs = await api.get('/v1/employees/E9403/attendance-rules', token.E9403 as string);
    expect(theirs.body).toMatchObject({
      employeeId: 'E9403',
      effective: { from: 'department', departmentId: 'D94', sites: ['shanghai-hq'], devices: [] },
      locationConsent: false,
    });
    expect(theirs.body.own).toBeUndefined();
    expectProblem(await api.get('/v1/employees/E9401/attendance-rules', token.E9403 as string), 404);
  });
});

describe('a punch', () => {
  it('with a position needs the person’s own consent; without it nothing is recorded', async () => {
    const refused = await punch('E9401', { position: { ...hq, accuracyMetres: 12 } });
    expectProblem(refused, 403, 'location_consent_missing');
    expect((await punchesOf('E9401', hr())).body.items).toEqual([]);
    expectProblem(await api.put('/v1/employees/E9401/location-consent', hr(), { given: true }), 403);
    const given = await api.put('/v1/employees/E9401/location-consent', token.E9401 as string, {
      given: true,
    });
    expect(given.body).toMatchObject({ employeeId: 'E9401', given: true, noticeVersion: 1 });
  });

  it('is accepted inside a geofence, from their device, in the shift’s window; the work date is the site’s', async () => {
    const accepted = await punch('E9401', { kind: 'in', position: { ...hq, accuracyMetres: 12 } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({
      employeeId: 'E9401',
      source: 'app',
      at: '2026-11-02T01:00:00.000Z',
      deviceTime: '2026-11-02T09:00:05+08:00',
      siteTimeZone: 'Asia/Shanghai',
      workDate: '2026-11-02',
      shiftId: 'day',
      verdict: { status: 'accepted', reasons: [], siteId: 'shanghai-hq', distanceMetres: 0 },
    });
    expect(accepted.body.position).toBeUndefined();
  });

  it('is flagged with each reason, and recorded', async () => {
    stack.clock.set('2026-11-02T01:05:00Z');
    const far = { lat: hq.lat + 1000 / 111_195, lng: hq.lng, accuracyMetres: 30 };
    const flagged = await punch('E9401', { position: far, mockLocation: true, deviceId: 'borrowed-phone' });
    expect(flagged.status).toBe(201);
    expect(flagged.body.verdict).toMatchObject({ status: 'flagged', distanceMetres: 800 });
    expect(
      (flagged.body.verdict as { reasons: { code: string }[] }).reasons.map((r) => r.code).sort(),
    ).toEqual(['mocked_position', 'outside_geofence', 'unknown_device']);
    // The department's rules name no devices: every punch under them is from an unknown device.
    const departmental = await punch('E9403', { wifi: { bssid: 'aa:bb:cc:dd:ee:01' } });
    expect(departmental.body.verdict).toMatchObject({
      status: 'flagged',
      reasons: [{ code: 'unknown_device' }],
    });
    const nothing = await punch('E9403', {});
    expect(nothing.body.verdict).toMatchObject({ status: 'flagged' });
  });

  it('in Berlin needs the site’s Wi-Fi, keeps no position there, and dates the work day in Berlin', async () => {
    await must(api.put('/v1/employees/E9402/location-consent', token.E9402 as string, { given: true }));
    stack.clock.set('2026-11-02T07:58:00Z'); // 08:58 in Berlin
    token.E9402 = await stack.account('E9402', ['employee']);
    const body = {
      position: { ...inBerlin, accuracyMetres: 8 },
      deviceTime: '2026-11-02T08:58:00+01:00',
      deviceTimeZone: 'Europe/Berlin',
    };
    const noWifi = await punch('E9402', body);
    expect(noWifi.body.verdict).toMatchObject({ status: 'flagged', reasons: [{ code: 'wifi_not_allowed' }] });
    const onWifi = await punch('E9402', { ...body, wifi: { bssid: 'AA:BB:CC:DD:EE:02', ssid: 'Office' } });
    expect(onWifi.body).toMatchObject({
      siteTimeZone: 'Europe/Berlin',
      workDate: '2026-11-02',
      bssid: 'aa:bb:cc:dd:ee:02',
      verdict: { status: 'accepted', siteId: 'berlin' },
    });
  });

  it('is read by the person, their line and HR as verdicts, never as a trail of positions', async () => {
    token.E1041 = await stack.tokenFor('E1041');
    token.E9400 = await stack.account('E9400', ['employee', 'manager']);
    token.E9401 = await stack.account('E9401', ['employee']);
    for (const reader of [token.E9401, token.E9400, hr()]) {
      const read = await punchesOf('E9401', reader as string);
      expect(read.status).toBe(200);
      expect(read.body.items?.map((p) => (p.verdict as { status: string }).status)).toEqual([
        'accepted',
        'flagged',
      ]);
      expect(read.body.items?.every((p) => p.position === undefined)).toBe(true);
    }
    expectProblem(await punchesOf('E9401', token.E9402 as string), 404);
    const tooLong = await api.get(
      '/v1/attendance/punches?employeeId=E9401&from=2026-10-01&to=2026-11-30',
      hr(),
    );
    expect(tooLong.body.errors).toMatchObject([{ field: 'query.to' }]);
  });

  it('loses its position once the site’s keeping time is over; the verdict stays', async () => {
    const { makeHrTable } = await import('#adapters/aws/platform/hrTable.ts');
    const { makePunchStore } = await import('#adapters/aws/attendance/index.ts');
    const punches = makePunchStore(makeHrTable(stack.clients.dynamo, stack.names.tables.hr));
    const kept = await punches.between('E9401', '2026-11-01', '2026-11-03');
    expect(kept.filter((p) => p.position).map((p) => p.positionKeptUntil)).toEqual([
      '2026-12-03',
      '2026-12-03',
    ]);
    stack.clock.set('2026-12-03T12:00:00Z'); // the last day it is kept, in Shanghai
    await stack.catchUp();
    expect(
      (await punches.between('E9401', '2026-11-01', '2026-11-03')).filter((p) => p.position),
    ).toHaveLength(2);
    stack.clock.set('2026-12-04T01:00:00Z');
    await stack.catchUp();
    const after = await punches.between('E9401', '2026-11-01', '2026-11-03');
    expect(after.filter((p) => p.position)).toEqual([]);
    expect(after.map((p) => p.verdict.status)).toEqual(['accepted', 'flagged']);
  });

  it('loses every kept position when the person withdraws consent, and then refuses a position', async () => {
    token.E9401 = await stack.account('E9401', ['employee']);
    const today = await punch('E9401', { position: { ...hq, accuracyMetres: 12 } }); // 12-04, 09:00 in Shanghai
    expect(today.body.verdict).toMatchObject({ status: 'accepted' });
    const withdrawn = await api.put('/v1/employees/E9401/location-consent', token.E9401 as string, {
      given: false,
    });
    expect(withdrawn.body).toMatchObject({ given: false, positionsRemoved: 1 });
    const { makeHrTable } = await import('#adapters/aws/platform/hrTable.ts');
    const { makePunchStore } = await import('#adapters/aws/attendance/index.ts');
    const punches = makePunchStore(makeHrTable(stack.clients.dynamo, stack.names.tables.hr));
    expect(
      (await punches.between('E9401', '2026-12-04', '2026-12-05')).map((p) => [p.verdict.status, p.position]),
    ).toEqual([['accepted', undefined]]);
    expectProblem(
      await punch('E9401', { position: { ...hq, accuracyMetres: 12 } }),
      403,
      'location_consent_missing',
    );
  });
});
