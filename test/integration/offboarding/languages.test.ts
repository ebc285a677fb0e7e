import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Every text a person reads comes in their language: Wang Fang (E1002) resigns naming Li Lei (E1003),
 * who reads English, her successor; her manager Zhang Wei (E1001) reads Chinese.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let caseId: string;

type Notice = { kind: string; title: string; body: string; link?: string };
const inbox = async (as: string) =>
  ((await api.get('/v1/me/notifications?limit=100', token[as] as string)).body.items ?? []) as Notice[];

const han = /\p{Script=Han}/u;
// Three Latin words in a row: an English sentence (names, codes and ids are one or two words).
const englishSentence = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1001', 'E1002', 'E1003', 'E1041']) token[id] = await stack.tokenFor(id);
  const english = await api.change('/v1/employees/E1003', token.E1041 as string, { locale: 'en' });
  expect(english.status).toBe(200);
  const submitted = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
    lastWorkingDay: '2026-11-16',
    reason: 'A new opportunity',
    successorIds: ['E1003'],
  });
  expect(submitted.status).toBe(201);
  caseId = String(submitted.body.id);
  await stack.catchUp();
});
afterAll(() => stack.stop());

describe('notices in the reader’s language', () => {
  it('tells the named successor at once, in English with no Chinese at all: names in Latin script, nodes in English', async () => {
    const notices = await inbox('E1003');
    const opened = notices.find((n) => n.kind === 'case.opened');
    expect(opened?.title).toBe('Handover started: Wang Fang');
    expect(opened?.body).toMatch(/customer handover/i);
    for (const notice of notices) {
      expect(`${notice.title}\n${notice.body}`, notice.kind).not.toMatch(han);
    }
  });

  it('tells the manager in Chinese, with no English sentence', async () => {
    const notices = await inbox('E1001');
    const opened = notices.find((n) => n.kind === 'case.opened');
    expect(opened?.title).toContain('王芳');
    for (const notice of notices) {
      expect(`${notice.title}\n${notice.body}`, notice.kind).not.toMatch(englishSentence);
      expect(notice.title).toMatch(han);
    }
  });

  it('links each notice to what it is about: the API path, which the reader may GET', async () => {
    const notices = await inbox('E1003');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(notice.link, notice.kind).toBe(`/v1/offboarding/${caseId}`);
    const followed = await api.get(notices[0]?.link as string, token.E1003 as string);
    expect(followed.status).toBe(200);
    expect(followed.body.id).toBe(caseId);
  });

  it('mails them the same text, with the link, to their work address', async () => {
    const mails = stack.outbox.sent.filter((m) => m.to === 'li.lei@hongtu.example');
    const opened = mails.find((m) => m.subject === 'Handover started: Wang Fang');
    expect(opened?.text).toContain(`/v1/offboarding/${caseId}`);
    expect(mails.every((m) => !han.test(m.subject + m.text))).toBe(true);
    const manager = stack.outbox.sent.find(
      (m) => m.to.startsWith('zhang.wei@') && m.subject.includes('王芳'),
    );
    expect(manager).toBeDefined();
  });
});

describe('names in either script', () => {
  it('finds Wang Fang by 王 and by wang, and shows her Latin name in the directory', async () => {
    for (const prefix of ['王', 'wang', 'Fang']) {
      const found = await api.get(
        `/v1/employees?departmentId=D02&name=${encodeURIComponent(prefix)}`,
        token.E1003 as string,
      );
      expect(
        found.body.items?.map((e) => e.id),
        prefix,
      ).toContain('E1002');
    }
    const entry = await api.get('/v1/employees/E1002', token.E1003 as string);
    expect(entry.body).toMatchObject({ name: '王芳', nameLatin: 'Wang Fang' });
    const refused = await api.change('/v1/employees/E1003', token.E1041 as string, { nameLatin: '李雷' });
    expect(refused.body.errors).toMatchObject([{ field: 'body.nameLatin' }]);
  });

  it('keeps a department’s Chinese and English names in separate fields', async () => {
    const sales = await api.get('/v1/departments/D02', token.E1003 as string);
    expect(sales.body).toMatchObject({ name: '销售部', nameEn: 'Sales' });
  });
});

describe('problems in the reader’s language', () => {
  const hanOrPunctuation = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

  it('answers a reader of Chinese in Chinese, with no English sentence; the same refusal in English has no Chinese', async () => {
    // Zhang Wei's account reads Chinese; Li Lei's English, whatever Accept-Language says.
    const zh = await api.post('/v1/customers/exports', token.E1001 as string, {});
    expect(zh.status).toBe(403);
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect(zh.body).toMatchObject({ code: 'permission_denied', title: '禁止访问' });
    expect(`${zh.body.title} ${zh.body.detail}`).not.toMatch(englishSentence);
    expect(String(zh.body.detail)).toMatch(han);

    const en = await api.post(
      '/v1/customers/exports',
      token.E1003 as string,
      {},
      { 'accept-language': 'zh-CN' },
    );
    expect(en.status).toBe(403);
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body).toMatchObject({ code: 'permission_denied', title: 'Forbidden' });
    expect(JSON.stringify(en.body)).not.toMatch(hanOrPunctuation);
  });

  it('names each bad field in Chinese too, by the same path', async () => {
    const bad = await api.post('/v1/employees/E1001/resignation', token.E1001 as string, {
      lastWorkingDay: 20261116,
      reason: 'x'.repeat(2000),
      extra: true,
    });
    expect(bad.status).toBe(400);
    const errors = bad.body.errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(['body.extra', 'body.lastWorkingDay', 'body.reason']);
    for (const { field, message } of errors) {
      expect(message, field).toMatch(han);
      expect(message, field).not.toMatch(englishSentence);
    }
  });

  it('takes Accept-Language where there is no account: before sign-in, Chinese when asked for first', async () => {
    const asked = await stack.request('/v1/no-such-route', {
      headers: { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.8' },
    });
    expect(asked.status).toBe(404);
    expect(asked.headers.get('content-language')).toBe('zh-CN');
    const plain = await stack.request('/v1/no-such-route', {
      headers: { 'accept-language': 'de, en;q=0.5' },
    });
    expect(plain.headers.get('content-language')).toBe('en');
    expect(((await plain.json()) as { title: string }).title).toBe('Not Found');
  });
});
