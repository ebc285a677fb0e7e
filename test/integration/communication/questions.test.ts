import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 9, the question: a salesman asks HR "why is my bonus lower than last month?" on Monday at
 * 09:00 (Shanghai); the first answer is due two working days later. One question is answered in time;
 * one is not, and is reminded and escalated. HR publishes an answer to the FAQ without his name.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const asker = 'E1004';
let askerName: string;

const kinds = async (who: string, link: string, inbox = 'mine') =>
  (
    ((await api.get(`/v1/me/notifications?inbox=${inbox}&limit=100`, token[who] as string)).body.items ??
      []) as { kind: string; link?: string }[]
  )
    .filter((n) => n.link === link)
    .map((n) => n.kind);

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const who of [asker, 'E1003', 'E1001', 'E1040', 'E1041', 'E1042'])
    token[who] = await stack.tokenFor(who);
  askerName = String((await api.get(`/v1/employees/${asker}`, token.E1041 as string)).body.name);
});
afterAll(() => stack.stop());

describe('questions to HR', () => {
  let answered: string;
  let overdue: string;

  it('are seen by the asker and HR only, with the first answer due two working days later', async () => {
    const asked = await api.post(
      '/v1/questions',
      token[asker] as string,
      {
        category: 'pay',
        subject: '奖金 Bonus',
        text: '为什么我的奖金比上个月少？ Why is my bonus lower than last month?',
      },
      { 'idempotency-key': 'bonus-question' },
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    answered = String(asked.body.id);
    // Monday 09:00 in Shanghai (01:00 UTC) → Wednesday 09:00.
    expect(asked.body).toMatchObject({
      status: 'open',
      askerId: asker,
      firstAnswerDue: '2026-11-04T01:00:00.000Z',
    });
    expect(await kinds('E1041', `/v1/questions/${answered}`, 'hr')).toEqual(['question.asked']);
    for (const who of ['E1003', 'E1001'])
      expectProblem(await api.get(`/v1/questions/${answered}`, token[who] as string), 404, 'not_found');
    expect((await api.get(`/v1/questions/${answered}`, token.E1041 as string)).status).toBe(200);
    expectProblem(await api.get('/v1/questions?scope=all', token[asker] as string), 403, 'permission_denied');
    const mine = await api.get('/v1/questions', token[asker] as string);
    expect(mine.body.items?.map((q) => q.id)).toEqual([answered]);

    // The second comes with a screenshot, uploaded first through its link.
    const link = await api.post('/v1/questions/attachments', token[asker] as string, {
      contentType: 'image/png',
    });
    const screenshot = Buffer.from('PNG leave balance 5 days');
    expect(
      (
        await fetch(String(link.body.url), {
          method: 'PUT',
          headers: { 'content-type': 'image/png' },
          body: screenshot,
        })
      ).status,
    ).toBe(200);
    const missing = await api.post('/v1/questions', token[asker] as string, {
      category: 'leave',
      subject: '年假 Annual leave',
      text: '我还剩几天年假？',
      attachments: [{ id: 'cd'.repeat(16), name: 'leave.png', contentType: 'image/png' }],
    });
    expectProblem(missing, 400, 'attachment_missing');
    const late = await api.post('/v1/questions', token[asker] as string, {
      category: 'leave',
      subject: '年假 Annual leave',
      text: '我还剩几天年假？ How many days of leave do I have left?',
      attachments: [{ id: link.body.id, name: 'leave.png', contentType: 'image/png' }],
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    overdue = String(late.body.id);
    const [file] = late.body.attachments as { url: string; size: number }[];
    expect(file?.size).toBe(screenshot.length);
    const seenByHr = await api.get(`/v1/questions/${overdue}`, token.E1041 as string);
    expect(seenByHr.status, JSON.stringify(seenByHr.body)).toBe(200);
    const hrLink = (seenByHr.body.attachments as { url: string }[])[0]?.url;
    expect(Buffer.from(await (await fetch(String(hrLink))).arrayBuffer()).equals(screenshot)).toBe(true);
    const read = await api.get(`/v1/questions/${overdue}`, token.E1041 as string);
    const assigned = await api.patch(
      `/v1/questions/${overdue}`,
      token.E1041 as string,
      { assigneeId: 'E1042' },
      String(read.headers.get('etag')),
    );
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(await kinds('E1042', `/v1/questions/${overdue}`)).toEqual(['question.assigned']);
  });

  it('answered in time, is reminded and escalated never; the asker replies, rates and closes it', async () => {
    stack.clock.set('2026-11-03T03:00:00.000Z');
    const answer = await api.post(`/v1/questions/${answered}/messages`, token.E1041 as string, {
      text: '十月回款较少，奖金按回款计算。 October collections were lower; the bonus follows collections.',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'answered',
      assigneeId: 'E1041',
      firstAnsweredAt: '2026-11-03T03:00:00.000Z',
    });
    expect(await kinds(asker, `/v1/questions/${answered}`)).toEqual(['question.answered']);
    const reply = await api.post(`/v1/questions/${answered}/messages`, token[asker] as string, {
      text: '明白了，谢谢 Understood, thanks',
    });
    expect(reply.body).toMatchObject({ status: 'open' });
    expect(await kinds('E1041', `/v1/questions/${answered}`)).toEqual(['question.replied']);
    const rated = await api.patch(
      `/v1/questions/${answered}`,
      token[asker] as string,
      { rating: 5, status: 'closed' },
      `"v${reply.body.version}"`,
    );
    expect(rated.body).toMatchObject({ rating: 5, status: 'closed' });
    expect((rated.body.thread as { from: string }[]).map((m) => m.from)).toEqual(['asker', 'hr', 'asker']);
    expectProblem(
      await api.patch(
        `/v1/questions/${answered}`,
        token.E1003 as string,
        { rating: 1 },
        `"v${rated.body.version}"`,
      ),
      404,
      'not_found',
    );
  });

  it('unanswered, reminds its assignee before the deadline and escalates to her manager and HR after', async () => {
    // 05:00 Wednesday in Shanghai: four hours before it is due.
    stack.clock.set('2026-11-03T21:30:00.000Z');
    await stack.catchUp();
    expect(await kinds('E1042', `/v1/questions/${overdue}`)).toEqual([
      'question.reminder',
      'question.assigned',
    ]);
    expect(await kinds('E1040', `/v1/questions/${overdue}`)).toEqual([]);
    stack.clock.set('2026-11-04T01:30:00.000Z');
    await stack.catchUp();
    expect(await kinds('E1040', `/v1/questions/${overdue}`)).toEqual(['question.escalated']);
    expect(await kinds('E1041', `/v1/questions/${overdue}`, 'hr')).toEqual([
      'question.escalated',
      'question.asked',
    ]);
    // The one answered in time was neither reminded nor escalated.
    expect(await kinds('E1041', `/v1/questions/${answered}`, 'hr')).toEqual(['question.asked']);
    const after = await api.get(`/v1/questions/${overdue}`, token.E1041 as string);
    expect(after.body).toMatchObject({
      remindedAt: '2026-11-03T21:30:00.000Z',
      escalatedAt: '2026-11-04T01:30:00.000Z',
    });
  });

  it('goes to the FAQ only in words that name nobody, and is found there in either language', async () => {
    const named = await api.post('/v1/faq', token.E1041 as string, {
      questionId: answered,
      question: {
        'zh-CN': `${askerName}问：奖金为什么变少？`,
        en: 'Why can a bonus be lower than last month?',
      },
      answer: { 'zh-CN': '奖金按当月回款计算。', en: 'The bonus follows the month’s collected revenue.' },
    });
    expectProblem(named, 400, 'validation_failed');
    expect(named.body.errors).toMatchObject([{ field: 'body.question.zh-CN' }]);
    expectProblem(
      await api.post('/v1/faq', token.E1041 as string, {
        questionId: overdue,
        question: { 'zh-CN': '年假', en: 'Leave' },
        answer: { 'zh-CN': '见制度', en: 'See the policy' },
      }),
      409,
      'question_unanswered',
    );
    const published = await api.post('/v1/faq', token.E1041 as string, {
      questionId: answered,
      question: { 'zh-CN': '奖金为什么会比上个月少？', en: 'Why can a bonus be lower than last month?' },
      answer: { 'zh-CN': '奖金按当月回款计算。', en: 'The bonus follows the month’s collected revenue.' },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expectProblem(
      await api.post('/v1/faq', token.E1003 as string, {
        questionId: answered,
        question: { 'zh-CN': '问题', en: 'Q?' },
        answer: { 'zh-CN': '答案', en: 'A.' },
      }),
      403,
      'permission_denied',
    );
    for (const q of ['bonus lower', '回款'])
      expect(
        (await api.get(`/v1/faq?q=${encodeURIComponent(q)}`, token.E1003 as string)).body.items,
      ).toHaveLength(1);
    expect((await api.get('/v1/faq?q=overtime', token.E1003 as string)).body.items).toEqual([]);
    const faq = JSON.stringify((await api.get('/v1/faq', token.E1003 as string)).body);
    for (const identity of [asker, askerName, answered]) expect(faq).not.toContain(identity);
  });
});
