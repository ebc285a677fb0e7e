import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Every route of the People capability, for every role, against the caller's own record, one of their
 * team, and someone outside their line: allowed where it should be, refused where not, and directory
 * entries that show nothing but the directory.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;

const actors = {
  hr_admin: 'E1040',
  hr: 'E1041',
  manager: 'E1002', // Wang Fang: her team is E1003–E1012
  employee: 'E1003',
  admin_office: 'E1050',
  it_admin: 'E1060',
} as const;
type Actor = keyof typeof actors;
const roles = Object.keys(actors) as Actor[];
const teamMember = 'E1004';
const outsider = 'E1014'; // in Han Meimei's team
const tokens = {} as Record<Actor, string>;
const isHr = (actor: Actor) => actor === 'hr' || actor === 'hr_admin';
const directoryKeys = ['departmentId', 'id', 'name', 'nameLatin', 'position'];

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const actor of roles) tokens[actor] = await stack.tokenFor(actors[actor]);
});
afterAll(() => stack.stop());

let idSeed = 3000;
const person = () => ({
  id: `E${++idSeed}`,
  name: '测试',
  workEmail: `e${idSeed}@hongtu.example`,
  phone: '+86 138 0000 0001',
  departmentId: 'D03',
  position: 'Engineer',
  hireDate: '2026-11-02',
  hireChannel: 'campus',
  site: 'Shanghai',
  timeZone: 'Asia/Shanghai',
});

describe.each(roles)('as %s', (actor) => {
  const token = () => tokens[actor];
  const own = actors[actor];

  it('reads their own full record, and changes their own phone', async () => {
    const read = await api.get(`/v1/employees/${own}`, token());
    expect(read.status).toBe(200);
    expect(read.body).toHaveProperty('phone');
    expect((await api.change(`/v1/employees/${own}`, token(), { phone: '+86 138 1234 5678' })).status).toBe(
      200,
    );
    expect((await api.get('/v1/me', token())).status).toBe(200);
  });

  it('sees a team member in full only as their manager or HR, and changes them only as HR', async () => {
    const read = await api.get(`/v1/employees/${teamMember}`, token());
    expect(read.status).toBe(200);
    const full = actor === 'manager' || isHr(actor);
    expect(Object.keys(read.body).sort()).toEqual(
      full ? expect.arrayContaining(['phone', 'hireChannel']) : directoryKeys,
    );
    const change = await api.change(`/v1/employees/${teamMember}`, token(), {
      position: 'Changed by someone',
    });
    expect(change.status).toBe(isHr(actor) ? 200 : 403);
  });

  it('sees someone outside their line only in the directory (HR in full), and changes them only as HR', async () => {
    const read = await api.get(`/v1/employees/${outsider}`, token());
    expect(read.status).toBe(200);
    if (isHr(actor)) expect(read.body).toHaveProperty('phone');
    else expect(Object.keys(read.body).sort()).toEqual(directoryKeys);
    expect(read.headers.get('etag') !== null).toBe(isHr(actor));
    const change = await api.change(`/v1/employees/${outsider}`, token(), { phone: '+86 138 9999 9999' });
    expect(change.status).toBe(isHr(actor) ? 200 : 403);
    expect((await api.get('/v1/employees/E9999', token())).status).toBe(404);
  });

  it('reads permissions of themselves, and of others only as HR; decides them only as an HR admin, never their own', async () => {
    expect((await api.get(`/v1/employees/${own}/permissions`, token())).status).toBe(200);
    expect((await api.get(`/v1/employees/${outsider}/permissions`, token())).status).toBe(
      isHr(actor) ? 200 : 403,
    );
    const grant = await api.post(`/v1/employees/${outsider}/permissions/evidence:read/grant`, token(), {
      reason: 'Audit help',
    });
    expect(grant.status).toBe(actor === 'hr_admin' ? 200 : 403);
    const self = await api.post(`/v1/employees/${own}/permissions/backup:manage/grant`, token(), {
      reason: 'Myself',
    });
    expect(self.status).toBe(403);
  });

  it('lists a department (directory entries unless HR), and the other lists only where allowed', async () => {
    const department = await api.get('/v1/employees?departmentId=D02&limit=100', token());
    expect(department.status).toBe(200);
    for (const entry of department.body.items ?? []) {
      if (isHr(actor)) expect(entry).toHaveProperty('status');
      else expect(Object.keys(entry).sort()).toEqual(directoryKeys);
    }
    const ownTeam = await api.get(`/v1/employees?managerId=${own}`, token());
    expect(ownTeam.status).toBe(actor === 'manager' || isHr(actor) ? 200 : 403);
    const otherTeam = await api.get('/v1/employees?managerId=E1013', token());
    expect(otherTeam.status).toBe(isHr(actor) ? 200 : 403);
    expect((await api.get('/v1/employees?status=active', token())).status).toBe(isHr(actor) ? 200 : 403);
    expect((await api.get('/v1/employees?referrerId=E1002', token())).status).toBe(isHr(actor) ? 200 : 403);
  });

  it('adds and imports employees only as HR', async () => {
    expect((await api.post('/v1/employees', token(), person())).status).toBe(isHr(actor) ? 201 : 403);
    const row = person();
    const csv = `${Object.keys(row).join(',')}\n${Object.values(row).join(',')}\n`;
    const imported = await stack.request('/v1/employees/imports', {
      method: 'POST',
      token: token(),
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(isHr(actor) ? 202 : 403);
  });

  it('reads the evidence log only with evidence:read (HR, HR admins, IT)', async () => {
    const allowed = isHr(actor) || actor === 'it_admin';
    expect((await api.get('/v1/evidence', token())).status).toBe(allowed ? 200 : 403);
  });

  it('reads departments, and shapes them only as HR', async () => {
    expect((await api.get('/v1/departments', token())).status).toBe(200);
    expect((await api.get('/v1/departments/D02', token())).status).toBe(200);
    const id = `D${String(++idSeed).slice(-3)}`;
    expect(
      (await api.post('/v1/departments', token(), { id, name: `Team ${id}`, parentId: 'D01' })).status,
    ).toBe(isHr(actor) ? 201 : 403);
    expect((await api.change('/v1/departments/D07', token(), { name: '财务部 Finance' })).status).toBe(
      isHr(actor) ? 200 : 403,
    );
  });
});

describe('a manager above several teams', () => {
  it('lists the teams of managers below them, not above or beside', async () => {
    const zhangWei = await stack.tokenFor('E1001');
    expect((await api.get('/v1/employees?managerId=E1013&indirect=true', zhangWei)).status).toBe(200);
    expect((await api.get('/v1/employees?managerId=E1000', zhangWei)).status).toBe(403);
    expect((await api.get('/v1/employees?managerId=E1020', zhangWei)).status).toBe(403);
    const fullRecord = await api.get(`/v1/employees/${outsider}`, zhangWei);
    expect(fullRecord.body).toHaveProperty('phone');
  });
});
