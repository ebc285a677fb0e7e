import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompany } from '#infra/local/demo/company.ts';
import { parseCsv } from '#kernel/csv.ts';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let api: ReturnType<typeof client>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1040', 'E1041', 'E1001', 'E1002', 'E1003', 'E1013', 'E1014', 'E1050', 'E1060']) {
    tokens[id] = await stack.tokenFor(id);
  }
});
afterAll(() => stack.stop());

const hrAdmin = () => tokens.E1040 as string;
const hr = () => tokens.E1041 as string;
const newPerson = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: '赵雷',
  workEmail: `${id.toLowerCase()}@hongtu.example`,
  phone: '+86 138 0000 0000',
  departmentId: 'D02',
  position: '销售 Sales Representative',
  managerId: 'E1003',
  hireDate: '2026-11-02',
  hireChannel: 'campus',
  site: '上海 Shanghai',
  timeZone: 'Asia/Shanghai',
  ...extra,
});

describe('creating employees', () => {
  it('lets HR add someone: record, account and evidence together; the sign-in identity follows by event', async () => {
    const created = await api.post('/v1/employees', hr(), newPerson('E2001', { roles: ['employee'] }), {
      'idempotency-key': 'create-E2001',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"v1"');
    expect(created.body).toMatchObject({
      id: 'E2001',
      name: '赵雷',
      status: 'active',
      managerId: 'E1003',
      version: 1,
    });

    expect(await stack.identity.get('E2001')).toBeUndefined();
    await stack.catchUp();
    expect(await stack.identity.get('E2001')).toMatchObject({
      groups: ['employee'],
      enabled: true,
      email: 'e2001@hongtu.example',
    });
    const permissions = await api.get('/v1/employees/E2001/permissions', hr());
    expect(permissions.body).toMatchObject({ status: 'enabled', roles: ['employee'] });

    // Li Lei now has a report: his team listing shows the new person.
    const team = await api.get('/v1/employees?managerId=E1003', tokens.E1002 as string);
    expect(team.body.items?.map((e) => e.id)).toEqual(['E2001']);
  });

  it('answers a repeated create with the stored employee, and refuses a different one under a taken id (409)', async () => {
    const again = await api.post('/v1/employees', hr(), newPerson('E2001', { roles: ['employee'] }));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ version: 1 });
    expectProblem(
      await api.post('/v1/employees', hr(), newPerson('E2001', { name: '别人' })),
      409,
      'employee_exists',
    );
  });

  it('refuses references to people or departments that do not exist, naming the field, and writes nothing', async () => {
    const noManager = await api.post('/v1/employees', hr(), newPerson('E2002', { managerId: 'E9999' }));
    expectProblem(noManager, 400, 'reference_not_found');
    expect(noManager.body.errors).toEqual([
      { field: 'body.managerId', message: 'Employee E9999 does not exist' },
    ]);
    const noDepartment = await api.post('/v1/employees', hr(), newPerson('E2002', { departmentId: 'D99' }));
    expect(noDepartment.body.errors).toEqual([
      { field: 'body.departmentId', message: 'Department D99 does not exist' },
    ]);
    const noReferrer = await api.post(
      '/v1/employees',
      hr(),
      newPerson('E2002', { hireChannel: 'internal_referral', referrerId: 'E9998' }),
    );
    expect(noReferrer.body.errors).toEqual([
      { field: 'body.referrerId', message: 'Employee E9998 does not exist' },
    ]);
    expectProblem(await api.get('/v1/employees/E2002', hr()), 404);
  });

  it('checks the body: unknown fields, wrong types, a referral without referrer, a self-referral', async () => {
    const bad = await api.post(
      '/v1/employees',
      hr(),
      newPerson('E2003', { salary: 1, hireDate: 'yesterday', keyPosition: 'yes' }),
    );
    expectProblem(bad, 400, 'validation_failed');
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      ['body.hireDate', 'body.keyPosition', 'body.salary'].sort(),
    );
    const referral = await api.post(
      '/v1/employees',
      hr(),
      newPerson('E2003', { hireChannel: 'internal_referral' }),
    );
    expect(referral.body.errors).toEqual([
      { field: 'body.referrerId', message: 'An internal referral names its referrer' },
    ]);
    const selfReferral = await api.post(
      '/v1/employees',
      hr(),
      newPerson('E2003', { hireChannel: 'internal_referral', referrerId: 'E2003' }),
    );
    expect(selfReferral.body.errors).toContainEqual({
      field: 'body.referrerId',
      message: 'Nobody refers themselves',
    });
  });

  it('keeps privileged roles for those who manage permissions', async () => {
    expectProblem(
      await api.post('/v1/employees', hr(), newPerson('E2004', { roles: ['hr'] })),
      403,
      'permission_denied',
    );
    expect(
      (await api.post('/v1/employees', hrAdmin(), newPerson('E2004', { roles: ['employee', 'hr'] }))).status,
    ).toBe(201);
  });
});

describe('changing employees', () => {
  it('lets people change their own contact details, and nothing else of theirs (no mass assignment)', async () => {
    const own = await api.change('/v1/employees/E1003', tokens.E1003 as string, {
      phone: '+86 139 1111 2222',
      locale: 'en',
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ phone: '+86 139 1111 2222', locale: 'en' });
    const escalation = await api.change('/v1/employees/E1003', tokens.E1003 as string, {
      departmentId: 'D04',
      status: 'left',
      hireChannel: 'agency',
    });
    expectProblem(escalation, 403, 'field_not_allowed');
    expect((escalation.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'body.departmentId',
      'body.hireChannel',
      'body.status',
    ]);
    expect((await api.get('/v1/employees/E1003', tokens.E1003 as string)).body).toMatchObject({
      departmentId: 'D02',
      status: 'active',
    });
  });

  it('refuses a stale If-Match with 412 and a missing one with 428, changing nothing', async () => {
    const read = await api.get('/v1/employees/E1014', hr());
    const etag = read.headers.get('etag') ?? '';
    expect(
      (await api.patch('/v1/employees/E1014', hr(), { position: '高级销售 Senior Sales' }, etag)).status,
    ).toBe(200);
    expectProblem(
      await api.patch('/v1/employees/E1014', hr(), { position: 'Other' }, etag),
      412,
      'stale_version',
    );
    const missing = await stack.request('/v1/employees/E1014', {
      method: 'PATCH',
      token: hr(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ position: 'Other' }),
    });
    expect(missing.status).toBe(428);
    expect((await api.get('/v1/employees/E1014', hr())).body).toMatchObject({
      position: '高级销售 Senior Sales',
    });
  });

  it('moves someone to a new manager, keeping both teams right, and refuses a circle', async () => {
    const moved = await api.change('/v1/employees/E1014', hr(), { managerId: 'E1002' });
    expect(moved.status).toBe(200);
    const wangFangsTeam = await api.get('/v1/employees?managerId=E1002&limit=100', hr());
    expect(wangFangsTeam.body.items?.map((e) => e.id)).toContain('E1014');
    const hanMeimeisTeam = await api.get('/v1/employees?managerId=E1013&limit=100', hr());
    expect(hanMeimeisTeam.body.items?.map((e) => e.id)).not.toContain('E1014');

    // Zhang Wei above Wang Fang cannot report to someone in her team.
    const circle = await api.change('/v1/employees/E1001', hr(), { managerId: 'E1014' });
    expectProblem(circle, 400, 'manager_cycle');
    expect(circle.body.errors).toEqual([
      { field: 'body.managerId', message: 'E1014 reports to E1001, directly or indirectly' },
    ]);
  });

  it("changes roles only with permission:manage, never one's own, and the identity's groups follow", async () => {
    expectProblem(await api.change('/v1/employees/E1003', hr(), { roles: ['employee', 'it_admin'] }), 403);
    expectProblem(
      await api.change('/v1/employees/E1040', hrAdmin(), { roles: ['employee'] }),
      403,
      'field_not_allowed',
    );
    const promoted = await api.change('/v1/employees/E1003', hrAdmin(), { roles: ['employee', 'manager'] });
    expect(promoted.status).toBe(200);
    await stack.catchUp();
    expect(await stack.identity.get('E1003')).toMatchObject({ groups: ['employee', 'manager'] });
    const me = await api.get('/v1/me', tokens.E1003 as string);
    expect(me.body.roles).toEqual(['employee', 'manager']);
  });
});

describe('someone HR marks as left', () => {
  it('is refused on their very next request; the identity is disabled and signed out; the evidence says so', async () => {
    const leaver = await stack.tokenFor('E1074');
    expect((await api.get('/v1/me', leaver)).status).toBe(200);
    const both = await api.change('/v1/employees/E1074', hrAdmin(), { status: 'left', roles: ['employee'] });
    expectProblem(both, 400, 'validation_failed');
    expect(JSON.stringify(both.body)).toContain('body.roles');
    expect((await api.get('/v1/me', leaver)).status).toBe(200);

    const left = await api.change('/v1/employees/E1074', hr(), { status: 'left' });
    expect(left.status).toBe(200);
    // Before the identity has followed: the account alone refuses the request.
    expectProblem(await api.get('/v1/me', leaver), 403, 'account_disabled');
    await stack.catchUp();
    expect(await stack.identity.status('E1074')).toBe('disabled');
    expect((await stack.identity.get('E1074'))?.signedOutAt).toBeDefined();
    const evidence = await api.get('/v1/evidence?subject=employee:E1074&action=account.disabled', hrAdmin());
    expect(evidence.body.items).toEqual([
      expect.objectContaining({ actor: 'E1041', reason: 'Marked as left' }),
    ]);
    // Saying it again changes nothing and disables nothing twice.
    expect((await api.change('/v1/employees/E1074', hr(), { status: 'left' })).status).toBe(200);
    await stack.catchUp();
    expect(
      (await api.get('/v1/evidence?subject=employee:E1074&action=account.disabled', hrAdmin())).body.items,
    ).toHaveLength(1);
  });
});

describe('lists', () => {
  it('pages through a whole reporting tree, each team after its manager, never more than the limit', async () => {
    const seen: string[] = [];
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.get(
        `/v1/employees?managerId=E1000&indirect=true&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        hr(),
      );
      expect(page.status).toBe(200);
      expect(page.body.items?.length).toBeLessThanOrEqual(4);
      seen.push(...(page.body.items ?? []).map((e) => e.id as string));
      items.push(...(page.body.items ?? []));
      cursor = page.body.nextCursor as string | undefined;
    } while (cursor);
    const everyoneButTheBoss = demoCompany().people.length - 1 + 2; // the demo, plus E2001 and E2004
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(everyoneButTheBoss);
    // Depth first: everyone comes after their manager, and each team right after its manager.
    const managers = new Map(items.map((e) => [e.id as string, e.managerId as string]));
    for (const [index, id] of seen.entries()) {
      const manager = managers.get(id) ?? '';
      if (manager !== 'E1000') expect(seen.indexOf(manager), `${id} after ${manager}`).toBeLessThan(index);
    }
    const wangFang = seen.indexOf('E1002');
    const herTeam = items.filter((e) => e.managerId === 'E1002').map((e) => e.id);
    expect(herTeam).toContain(seen[wangFang + 1]);
  });

  it('lists by status and by referrer for HR: whom Wang Fang referred', async () => {
    const referred = await api.get('/v1/employees?referrerId=E1002&limit=50', hr());
    expect(referred.body.items).toHaveLength(6);
    expect(Object.keys(referred.body.items?.[0] ?? {}).sort()).toEqual(
      ['departmentId', 'id', 'keyPosition', 'managerId', 'name', 'nameLatin', 'position', 'status'].sort(),
    );
    const active = await api.get('/v1/employees?status=active&limit=100', hr());
    expect(active.body.items?.length).toBeGreaterThan(40);
    expectProblem(await api.get('/v1/employees?referrerId=E1002', tokens.E1002 as string), 403);
  });

  it('combines filters, lists everyone without one (HR), and refuses a bad value', async () => {
    const everyone = await readAllPages(api, '/v1/employees', hr(), 7);
    expect(Math.max(...everyone.sizes)).toBeLessThanOrEqual(7);
    const byStatus = await Promise.all(
      ['active', 'resigning', 'left'].map((s) => readAllPages(api, `/v1/employees?status=${s}`, hr(), 100)),
    );
    expect(everyone.items.map((e) => e.id)).toEqual(byStatus.flatMap((page) => page.items.map((e) => e.id)));
    expect(new Set(everyone.items.map((e) => e.id)).size).toBe(everyone.items.length);
    expect(everyone.items.length).toBeGreaterThanOrEqual(47);
    expect(everyone.items.some((e) => e.status === 'left')).toBe(true);
    const d02 = await readAllPages(api, '/v1/employees?departmentId=D02', hr(), 100);
    const d02Active = await readAllPages(api, '/v1/employees?departmentId=D02&status=active', hr(), 3);
    expect(d02Active.items.map((e) => e.id)).toEqual(
      d02.items.filter((e) => e.status === 'active').map((e) => e.id),
    );
    expect(Math.max(...d02Active.sizes)).toBeLessThanOrEqual(3);
    const referredAll = await readAllPages(api, '/v1/employees?referrerId=E1002', hr(), 50);
    const { departmentId } = referredAll.items[0] as { departmentId: string };
    const referred = await readAllPages(
      api,
      `/v1/employees?referrerId=E1002&departmentId=${departmentId}`,
      hr(),
      50,
    );
    expect(referred.items.map((e) => e.id).sort()).toEqual(
      referredAll.items
        .filter((e) => e.departmentId === departmentId)
        .map((e) => e.id)
        .sort(),
    );
    expect(referred.items.length).toBeGreaterThan(0);
    // By name: the name, or a word of it, begins with what HR types; everyone may search the directory.
    const first = (e: Record<string, unknown>) => String(e.name).slice(0, 1);
    const count = (c: string) => everyone.items.filter((e) => first(e) === c).length;
    const common = everyone.items.map(first).sort((a, b) => count(b) - count(a))[0] ?? '';
    const found = await readAllPages(api, `/v1/employees?name=${encodeURIComponent(common)}`, hr(), 2);
    expect(found.items.map((e) => e.id)).toEqual(
      everyone.items.filter((e) => String(e.name).startsWith(common)).map((e) => e.id),
    );
    expect(found.items.length).toBeGreaterThan(1);
    const inSales = await readAllPages(
      api,
      `/v1/employees?departmentId=D02&name=${encodeURIComponent('王')}`,
      tokens.E1002 as string,
      25,
    );
    expect(inSales.items.map((e) => e.name)).toEqual(['王芳']);
    expectProblem(await api.get('/v1/employees', tokens.E1002 as string), 403, 'permission_denied');
    const bad = await api.get('/v1/employees?status=retired', hr());
    expect(bad.body.errors).toMatchObject([{ field: 'query.status' }]);
  });
});

describe('export', () => {
  it('refuses an export without employee:export, and records the attempt', async () => {
    expectProblem(
      await api.post('/v1/employees/exports', tokens.E1002 as string, {}),
      403,
      'permission_denied',
    );
    const attempts = await api.get('/v1/evidence?action=employees.export-refused', hrAdmin());
    expect(attempts.body.items).toMatchObject([{ actor: 'E1002', subject: 'employee:E1002' }]);
  });

  it('writes what HR lists under the filter as CSV that Excel opens, names beside ids, its hash in the evidence', async () => {
    const listed = await readAllPages(api, '/v1/employees?departmentId=D02&status=active', hr(), 100);
    const exported = await api.post('/v1/employees/exports', hr(), {
      filter: { departmentId: 'D02', status: 'active' },
    });
    expect(exported.status).toBe(201);
    const { url, sha256, rows } = exported.body as { url: string; sha256: string; rows: number };
    expect(rows).toBe(listed.items.length);

    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    const [head, ...records] = parseCsv(bytes.toString('utf8')).map((r) => r.fields);
    const column = (name: string) => (head ?? []).indexOf(name);
    expect(head?.slice(0, 9)).toEqual([
      'id',
      'name',
      'name (Latin)',
      'department',
      'department name',
      'department name (English)',
      'position',
      'manager',
      'manager name',
    ]);
    expect(records.map((r) => r[0])).toEqual(listed.items.map((e) => e.id));
    const byId = new Map(records.map((r) => [r[0], r]));
    const departments = await api.get('/v1/departments/D02', hr());
    for (const employee of listed.items) {
      const record = byId.get(employee.id as string) ?? [];
      expect(record[column('name')]).toBe(employee.name);
      expect(record[column('name (Latin)')]).toBe(employee.nameLatin ?? '');
      expect(record[column('department name')]).toBe(departments.body.name);
      expect(record[column('department name (English)')]).toBe(departments.body.nameEn);
      if (employee.managerId) {
        const manager = await api.get(`/v1/employees/${employee.managerId}`, hr());
        expect(record[column('manager name')]).toBe(manager.body.name);
      }
    }
    const referred = await readAllPages(api, '/v1/employees?referrerId=E1002&departmentId=D02', hr(), 50);
    const one = referred.items.find((e) => e.status === 'active');
    expect(byId.get(one?.id as string)?.[column('referrer name')]).toBe('王芳');
    expect(head).not.toContain('risk');

    const evidence = await api.get('/v1/evidence?action=employees.exported&limit=1', hrAdmin());
    expect(evidence.body.items?.[0]).toMatchObject({
      actor: 'E1041',
      details: { rows, sha256, filter: { departmentId: 'D02', status: 'active' } },
    });
  });

  it('exports everyone without a filter, and refuses a bad one naming the field', async () => {
    const everyone = await readAllPages(api, '/v1/employees', hr(), 100);
    const exported = await api.post('/v1/employees/exports', hr(), {});
    expect(exported.body.rows).toBe(everyone.items.length);
    const bad = await api.post('/v1/employees/exports', hr(), { filter: { status: 'retired' } });
    expect(bad.body.errors).toMatchObject([{ field: 'body.filter.status' }]);
  });
});
