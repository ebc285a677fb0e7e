import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Mentoring as records: HR records that Wang Fang (E1002) mentors Li Lei (E1003); who reads it, how it
 * ends, and the evidence of both.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let id: string;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1001', 'E1002', 'E1003', 'E1020', 'E1041']) token[who] = await stack.tokenFor(who);
});
afterAll(() => stack.stop());

describe('mentorships', () => {
  it('lets HR record one, once however often the request is retried, with evidence', async () => {
    const body = {
      mentorId: 'E1002',
      menteeId: 'E1003',
      since: '2026-03-01',
      goal: 'Take over key accounts',
    };
    const headers = { 'idempotency-key': 'mentorship-e1002-e1003' };
    const started = await api.post('/v1/mentorships', token.E1041 as string, body, headers);
    expect(started.status).toBe(201);
    id = String(started.body.id);
    expect(started.body).toMatchObject({ ...body, status: 'active', createdBy: 'E1041', version: 1 });
    expect(started.headers.get('location')).toBe(`/v1/mentorships/${id}`);
    const again = await api.post('/v1/mentorships', token.E1041 as string, body, headers);
    expect(again.body.id).toBe(id);
    const all = await readAllPages(api, '/v1/mentorships', token.E1041 as string, 10);
    expect(all.items.map((m) => m.id)).toEqual([id]);
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1003&action=mentorship.started',
      token.E1041 as string,
    );
    expect(evidence.body.items?.[0]).toMatchObject({
      actor: 'E1041',
      details: { mentorshipId: id, mentorId: 'E1002' },
    });
  });

  it('refuses one nobody may record: not HR (403), a mentor of oneself or someone unknown (400, naming the field)', async () => {
    const body = { mentorId: 'E1002', menteeId: 'E1004', since: '2026-03-01', goal: 'Learn the trade' };
    expectProblem(await api.post('/v1/mentorships', token.E1001 as string, body), 403, 'permission_denied');
    const self = await api.post('/v1/mentorships', token.E1041 as string, { ...body, menteeId: 'E1002' });
    expect(self.body.errors).toMatchObject([{ field: 'body.menteeId' }]);
    const unknown = await api.post('/v1/mentorships', token.E1041 as string, { ...body, mentorId: 'E9999' });
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.mentorId' }]);
    expect((await readAllPages(api, '/v1/mentorships', token.E1041 as string, 10)).items).toHaveLength(1);
  });

  it('is read by the mentor, the mentee and their managers; not by someone outside their line', async () => {
    for (const who of ['E1002', 'E1003', 'E1001', 'E1041']) {
      expect((await api.get(`/v1/mentorships/${id}`, token[who] as string)).status, who).toBe(200);
    }
    expectProblem(await api.get(`/v1/mentorships/${id}`, token.E1020 as string), 404, 'not_found');
    const mine = await api.get('/v1/mentorships?menteeId=E1003', token.E1003 as string);
    expect(mine.body.items?.map((m) => m.id)).toEqual([id]);
    const mentoring = await api.get('/v1/mentorships?mentorId=E1002&status=active', token.E1001 as string);
    expect(mentoring.body.items?.map((m) => m.id)).toEqual([id]);
    expectProblem(await api.get('/v1/mentorships?mentorId=E1002', token.E1020 as string), 403);
    expectProblem(await api.get('/v1/mentorships', token.E1003 as string), 403);
  });

  it('ends on a day with a reason (HR, with If-Match), once; the end is evidence', async () => {
    const read = await api.get(`/v1/mentorships/${id}`, token.E1041 as string);
    const etag = read.headers.get('etag') as string;
    const early = await api.patch(
      `/v1/mentorships/${id}`,
      token.E1041 as string,
      { until: '2026-02-01', reason: 'Done early' },
      etag,
    );
    expect(early.status).toBe(400);
    expectProblem(
      await api.patch(
        `/v1/mentorships/${id}`,
        token.E1003 as string,
        { until: '2026-11-30', reason: 'Done' },
        etag,
      ),
      403,
    );
    const ended = await api.patch(
      `/v1/mentorships/${id}`,
      token.E1041 as string,
      { until: '2026-11-30', reason: 'Li Lei runs the accounts' },
      etag,
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', until: '2026-11-30', version: 2 });
    const twice = await api.patch(
      `/v1/mentorships/${id}`,
      token.E1041 as string,
      { until: '2026-11-30', reason: 'Again' },
      ended.headers.get('etag') as string,
    );
    expectProblem(twice, 409, 'mentorship_ended');
    const active = await api.get('/v1/mentorships?menteeId=E1003&status=active', token.E1041 as string);
    expect(active.body.items).toEqual([]);
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1003&action=mentorship.ended',
      token.E1041 as string,
    );
    expect(evidence.body.items?.[0]).toMatchObject({
      reason: 'Li Lei runs the accounts',
      details: { mentorshipId: id },
    });
  });
});

describe('referral trees', () => {
  it('lists whom someone referred, directly and transitively, breadth first', async () => {
    // Someone Wang Fang referred refers a new colleague, who refers another: her tree grows two levels.
    const hire = (id: string, referrerId: string, nameLatin: string) => ({
      id,
      name: `新人${id}`,
      nameLatin,
      workEmail: `${id.toLowerCase()}@hongtu.example`,
      phone: '+86 138 0000 0000',
      departmentId: 'D02',
      position: '销售 Sales Representative',
      managerId: 'E1003',
      hireDate: '2026-11-02',
      hireChannel: 'internal_referral',
      referrerId,
      site: '上海 Shanghai',
      timeZone: 'Asia/Shanghai',
    });
    const direct = await readAllPages(api, '/v1/employees?referrerId=E1002', token.E1041 as string, 50);
    const first = direct.items[0]?.id as string;
    for (const [id, referrer, latin] of [
      ['E5001', first, 'Zhao Yi'],
      ['E5002', 'E5001', 'Qian Er'],
    ] as const) {
      const created = await api.post('/v1/employees', token.E1041 as string, hire(id, referrer, latin));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const tree = await api.get('/v1/employees/E1002/referrals', token.E1041 as string);
    expect(tree.status).toBe(200);
    const people = tree.body.people as {
      id: string;
      depth: number;
      referrerId: string;
      nameLatin?: string;
    }[];
    expect(
      people
        .filter((p) => p.depth === 1)
        .map((p) => p.id)
        .sort(),
    ).toEqual(direct.items.map((e) => e.id).sort());
    expect(people.find((p) => p.id === 'E5001')).toMatchObject({ depth: 2, referrerId: first });
    expect(people.find((p) => p.id === 'E5002')).toMatchObject({
      depth: 3,
      referrerId: 'E5001',
      nameLatin: 'Qian Er',
    });
    expect(people.map((p) => p.depth)).toEqual([...people.map((p) => p.depth)].sort((a, b) => a - b));
    expect(tree.body.truncated).toBe(false);
    // Her manager reads it; a colleague does not.
    expect((await api.get('/v1/employees/E1002/referrals', token.E1001 as string)).status).toBe(200);
    expectProblem(await api.get('/v1/employees/E1002/referrals', token.E1003 as string), 403);
    expectProblem(await api.get('/v1/employees/E9999/referrals', token.E1041 as string), 404);
  });
});
