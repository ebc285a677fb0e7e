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
