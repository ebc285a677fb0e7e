import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/** The seed's one-to-one chat: HR and one employee, with nobody in between and nobody else reading. */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

const told = async (who: string, link: string, inbox = 'mine') =>
  (
    ((await api.get(`/v1/me/notifications?inbox=${inbox}&limit=100`, token[who] as string)).body.items ??
      []) as { kind: string; link?: string }[]
  ).filter((n) => n.link === link).length;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of ['E1002', 'E1003', 'E1004', 'E1005', 'E1040', 'E1041', 'E1042'])
    token[who] = await stack.tokenFor(who);
});
afterAll(() => stack.stop());

describe('a conversation', () => {
  it('started by HR is read by its two sides and HR leads only, and each message reaches the other side', async () => {
    const started = await api.post('/v1/conversations', token.E1041 as string, {
      employeeId: 'E1003',
      subject: '薪酬结构 Salary structure',
      text: '想听听你对新薪酬结构的看法 How do you see the new salary structure?',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const link = `/v1/conversations/${started.body.id}`;
    expect(started.body).toMatchObject({ employeeId: 'E1003', hrId: 'E1041', status: 'open' });
    expect(await told('E1003', link)).toBe(1);
    for (const outsider of ['E1002', 'E1004', 'E1042'])
      expectProblem(await api.get(link, token[outsider] as string), 404, 'not_found');
    expect((await api.get(link, token.E1040 as string)).status).toBe(200);
    const reply = await api.post(`${link}/messages`, token.E1003 as string, {
      text: '提成规则需要解释 The commission rule needs explaining',
    });
    expect(reply.status).toBe(201);
    expect(await told('E1041', link)).toBe(1);
    // An HR lead reads it but is not a side of it.
    expectProblem(
      await api.post(`${link}/messages`, token.E1040 as string, { text: 'Hello' }),
      404,
      'not_found',
    );
    expect((await api.get('/v1/conversations', token.E1003 as string)).body.items?.map((c) => c.id)).toEqual([
      started.body.id,
    ]);
    expectProblem(
      await api.post('/v1/conversations', token.E1003 as string, {
        employeeId: 'E1004',
        subject: 'Hi',
        text: 'Hi',
      }),
      403,
      'permission_denied',
    );
  });

  it('asked for by an employee goes to HR; the first HR member to answer holds it, and the rest of HR no longer reads it', async () => {
    const asked = await api.post('/v1/conversations', token.E1005 as string, {
      subject: '想约谈 A talk, please',
      text: '我想和 HR 单独谈谈 I would like to talk to HR privately',
    });
    expect(asked.body).toMatchObject({ employeeId: 'E1005', status: 'requested' });
    const link = `/v1/conversations/${asked.body.id}`;
    expect(await told('E1041', link, 'hr')).toBe(1);
    const requests = await api.get('/v1/conversations?scope=requests', token.E1042 as string);
    expect(requests.body.items?.map((c) => c.id)).toEqual([asked.body.id]);
    expectProblem(
      await api.get('/v1/conversations?scope=requests', token.E1004 as string),
      403,
      'permission_denied',
    );
    const taken = await api.post(`${link}/messages`, token.E1042 as string, {
      text: '好的，周三下午可以吗？ Wednesday afternoon?',
    });
    expect(taken.body).toMatchObject({ hrId: 'E1042', status: 'open' });
    expect(await told('E1005', link)).toBe(1);
    expectProblem(await api.get(link, token.E1041 as string), 404, 'not_found');
    expect((await api.get('/v1/conversations?scope=requests', token.E1042 as string)).body.items).toEqual([]);
    expect(
      (await api.get('/v1/conversations?scope=held', token.E1042 as string)).body.items?.map((c) => c.id),
    ).toEqual([asked.body.id]);
    expect((await api.get('/v1/conversations', token.E1042 as string)).body.items).toEqual([]);
    expectProblem(
      await api.get('/v1/conversations?scope=held', token.E1005 as string),
      403,
      'permission_denied',
    );
  });
});
