import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 9, the direct line: HR sends the new salary structure, with its PDF, to the sales
 * department and asks for acknowledgement; each member acknowledges the version they read; those who
 * did not are reminded after three days; a correction asks everyone again.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const hr = 'E1041';
const pdf = Buffer.from('%PDF-1.4\n薪酬结构 2027 Salary structure 2027\n%%EOF\n');
const title = { 'zh-CN': '2027 年薪酬结构调整', en: 'Salary structure 2027' };
const body = {
  'zh-CN': '自 2027 年 1 月起，销售提成按回款计算。详见附件。',
  en: 'From January 2027, sales commission follows collected revenue. See the attachment.',
};
let salesMembers: string[];
let noticeId: string;
let firstHash: string;

type Receipt = { read: boolean; acknowledged: boolean; acknowledgedHash?: string };
type Row = Receipt & { employeeId: string; departmentId: string; remindedAt?: string };

const inboxKinds = async (who: string) =>
  (
    ((await api.get('/v1/me/notifications?limit=100', token[who] as string)).body.items ?? []) as {
      kind: string;
      link?: string;
    }[]
  )
    .filter((n) => n.link === `/v1/notices/${noticeId}`)
    .map((n) => n.kind);

async function upload(bytes: Buffer) {
  const link = await api.post('/v1/notices/attachments', token[hr] as string, {
    contentType: 'application/pdf',
  });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  const put = await fetch(String(link.body.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/pdf' },
    body: bytes,
  });
  expect(put.status).toBe(200);
  return String(link.body.id);
}

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  token[hr] = await stack.tokenFor(hr);
  const sales = await readAllPages(api, '/v1/employees?departmentId=D02', token[hr] as string, 100);
  salesMembers = sales.items
    .filter((e) => e.status !== 'left')
    .map((e) => String(e.id))
    .sort();
  for (const who of [...salesMembers, 'E1013', 'E1020', 'E1040']) token[who] = await stack.tokenFor(who);
});
afterAll(() => stack.stop());

describe('a notice to a department', () => {
  it('refuses what cannot be sent, naming the field, and publishes nothing', async () => {
    const base = { title, body, requiresAcknowledgement: true };
    const empty = await api.post('/v1/notices', token[hr] as string, { ...base, audience: {} });
    expectProblem(empty, 400, 'validation_failed');
    expect(empty.body.errors).toMatchObject([{ field: 'body.audience.everyone' }]);
    const unknown = await api.post('/v1/notices', token[hr] as string, {
      ...base,
      audience: { departments: [{ id: 'D99' }] },
    });
    expectProblem(unknown, 400, 'reference_not_found');
    expect(unknown.body.errors).toMatchObject([{ field: 'body.audience.departments.0.id' }]);
    const notUploaded = await api.post('/v1/notices', token[hr] as string, {
      ...base,
      audience: { departments: [{ id: 'D02' }] },
      attachments: [{ id: 'ab'.repeat(16), name: 'salary.pdf' }],
    });
    expectProblem(notUploaded, 400, 'attachment_missing');
    expect(notUploaded.body.errors).toMatchObject([{ field: 'body.attachments.0.id' }]);
    const noEnglish = await api.post('/v1/notices', token[hr] as string, {
      ...base,
      title: { 'zh-CN': title['zh-CN'] },
      audience: { everyone: true },
    });
    expect(noEnglish.body.errors).toMatchObject([{ field: 'body.title.en' }]);
    expectProblem(
      await api.post('/v1/notices', token.E1013 as string, { ...base, audience: { everyone: true } }),
      403,
      'permission_denied',
    );
    expect((await api.get('/v1/notices?scope=all', token[hr] as string)).body.items).toEqual([]);
  });

  it('reaches exactly its members, frozen at publication: not the team below, nor who joins later', async () => {
    const attachment = await upload(pdf);
    const published = await api.post(
      '/v1/notices',
      token[hr] as string,
      {
        title,
        body,
        audience: { departments: [{ id: 'D02', includeSubdepartments: false }] },
        requiresAcknowledgement: true,
        reminderAfterDays: 3,
        attachments: [{ id: attachment, name: 'salary-structure-2027.pdf' }],
      },
      { 'idempotency-key': 'salary-structure-2027' },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    noticeId = String(published.body.id);
    firstHash = String(published.body.contentHash);
    expect(published.body).toMatchObject({
      version: 1,
      recipients: salesMembers.length,
      remindOn: '2026-11-05',
    });
    expect(published.headers.get('location')).toBe(`/v1/notices/${noticeId}`);
    // Someone joins sales right after: the audience was frozen without them.
    const joined = await api.post('/v1/employees', token[hr] as string, {
      id: 'E1099',
      name: '新同事',
      workEmail: 'e1099@hongtu.example',
      phone: '+86 138 0000 0099',
      departmentId: 'D02',
      position: '销售 Sales Representative',
      managerId: 'E1001',
      hireDate: '2026-11-02',
      hireChannel: 'campus',
      site: '上海 Shanghai',
      timeZone: 'Asia/Shanghai',
      roles: ['employee'],
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    token.E1099 = await stack.account('E1099', ['employee']);
    await stack.catchUp();

    const receipts = await readAllPages(api, `/v1/notices/${noticeId}/receipts`, token[hr] as string, 100);
    expect(receipts.items.map((r) => r.employeeId)).toEqual(salesMembers);
    for (const member of salesMembers.slice(0, 3)) {
      const mine = await api.get('/v1/notices', token[member] as string);
      expect(mine.body.items).toMatchObject([{ id: noticeId, title, receipt: { read: false } }]);
      expect(await inboxKinds(member)).toEqual(['notice.published']);
    }
    expect((await api.get('/v1/notices', token.E1099 as string)).body.items).toEqual([]);
    expectProblem(await api.get(`/v1/notices/${noticeId}`, token.E1099 as string), 404, 'not_found');
    // Sales Team 2 sits below sales; it was not asked for.
    expectProblem(await api.get(`/v1/notices/${noticeId}`, token.E1013 as string), 404, 'not_found');
  });

  it('gives each member the text and the file whose hash they acknowledge; again changes nothing', async () => {
    const member = salesMembers[0] as string;
    const read = await api.get(`/v1/notices/${noticeId}`, token[member] as string);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title, body, contentHash: firstHash, receipt: { read: true } });
    expect(read.body.audience).toBeUndefined();
    const [file] = read.body.attachments as { url: string; sha256: string; size: number }[];
    const downloaded = Buffer.from(await (await fetch(String(file?.url))).arrayBuffer());
    expect(downloaded.equals(pdf)).toBe(true);
    expect(file?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    const stale = await api.post(`/v1/notices/${noticeId}/acknowledgement`, token[member] as string, {
      contentHash: 'f'.repeat(64),
    });
    expectProblem(stale, 409, 'notice_version_changed');
    const acknowledged = await api.post(`/v1/notices/${noticeId}/acknowledgement`, token[member] as string, {
      contentHash: firstHash,
    });
    expect(acknowledged.body).toMatchObject({ read: true, acknowledged: true, acknowledgedVersion: 1 });
    const again = await api.post(`/v1/notices/${noticeId}/acknowledgement`, token[member] as string, {
      contentHash: firstHash,
    });
    expect(again.body).toEqual(acknowledged.body);
    const evidence = await api.get(
      `/v1/evidence?subject=employee:${member}&action=notice.acknowledged`,
      token.E1040 as string,
    );
    expect(evidence.body.items).toMatchObject([
      { actor: member, details: { noticeId, version: 1, contentHash: firstHash } },
    ]);
    // Someone who did not receive it cannot acknowledge it.
    expectProblem(
      await api.post(`/v1/notices/${noticeId}/acknowledgement`, token.E1013 as string, {
        contentHash: firstHash,
      }),
      404,
      'not_found',
    );
  });

  it('shows HR, and only HR, who has read and acknowledged, with rates per department', async () => {
    const second = salesMembers[1] as string;
    await api.get(`/v1/notices/${noticeId}`, token[second] as string);
    const receipts = await api.get(`/v1/notices/${noticeId}/receipts?limit=100`, token[hr] as string);
    const n = salesMembers.length;
    expect(receipts.body.totals).toEqual({
      recipients: n,
      read: 2,
      acknowledged: 1,
      readRate: Math.round((2 / n) * 1000) / 1000,
      acknowledgedRate: Math.round((1 / n) * 1000) / 1000,
    });
    expect(receipts.body.byDepartment).toMatchObject([
      { departmentId: 'D02', recipients: n, acknowledged: 1 },
    ]);
    const pending = await readAllPages(
      api,
      `/v1/notices/${noticeId}/receipts?state=unacknowledged`,
      token[hr] as string,
      2,
    );
    expect(pending.items.map((r) => r.employeeId)).toEqual(salesMembers.slice(1));
    for (const who of [salesMembers[0] as string, 'E1001', 'E1013'])
      expectProblem(
        await api.get(`/v1/notices/${noticeId}/receipts`, token[who] as string),
        403,
        'permission_denied',
      );
  });

  it('reminds those who have not acknowledged after three days, once', async () => {
    // The evening of the 4th in Shanghai: the daily job has run, and nobody is due yet.
    stack.clock.set('2026-11-04T12:00:00.000Z');
    await stack.catchUp();
    expect(await inboxKinds(salesMembers[1] as string)).toEqual(['notice.published']);
    stack.clock.set('2026-11-05T01:00:00.000Z');
    await stack.catchUp();
    expect(await inboxKinds(salesMembers[0] as string)).toEqual(['notice.published']);
    for (const member of salesMembers.slice(1))
      expect(await inboxKinds(member)).toEqual(['notice.reminder', 'notice.published']);
    const rows = (await readAllPages(api, `/v1/notices/${noticeId}/receipts`, token[hr] as string, 100))
      .items as unknown as Row[];
    expect(rows.filter((r) => r.remindedAt).map((r) => r.employeeId)).toEqual(salesMembers.slice(1));
    stack.clock.set('2026-11-08T01:00:00.000Z');
    await stack.catchUp();
    expect(await inboxKinds(salesMembers[1] as string)).toEqual(['notice.reminder', 'notice.published']);
  });

  it('takes a correction as a new version to the same people, who acknowledge it again', async () => {
    const member = salesMembers[0] as string;
    const corrected = { ...body, en: `${body.en} Commission is paid monthly.` };
    const stale = await api.put(
      `/v1/notices/${noticeId}`,
      token[hr] as string,
      { title, body: corrected, reason: 'Payment rhythm added' },
      '"v0"',
    );
    expectProblem(stale, 412, 'stale_version');
    const put = await api.put(
      `/v1/notices/${noticeId}`,
      token[hr] as string,
      { title, body: corrected, reason: 'Payment rhythm added' },
      '"v1"',
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ version: 2, recipients: salesMembers.length });
    expect(put.body.contentHash).not.toBe(firstHash);
    await stack.catchUp();
    expect(await inboxKinds(member)).toEqual(['notice.corrected', 'notice.published']);
    const mine = await api.get('/v1/notices', token[member] as string);
    expect(mine.body.items).toMatchObject([{ id: noticeId, version: 2, receipt: { acknowledged: false } }]);
    expectProblem(
      await api.post(`/v1/notices/${noticeId}/acknowledgement`, token[member] as string, {
        contentHash: firstHash,
      }),
      409,
      'notice_version_changed',
    );
    const ack = await api.post(`/v1/notices/${noticeId}/acknowledgement`, token[member] as string, {
      contentHash: put.body.contentHash,
    });
    expect(ack.body).toMatchObject({ acknowledged: true, acknowledgedVersion: 2 });
    const evidence = await api.get(
      `/v1/evidence?subject=employee:${member}&action=notice.acknowledged`,
      token.E1040 as string,
    );
    expect((evidence.body.items as { details: { version: number } }[]).map((e) => e.details.version)).toEqual(
      [2, 1],
    );
    expect(
      (await api.get(`/v1/evidence?subject=notice:${noticeId}`, token.E1040 as string)).body.items,
    ).toMatchObject([{ action: 'notice.corrected' }, { action: 'notice.published' }]);
  });

  it('goes to a role, and to everyone, each once', async () => {
    const toRole = await api.post('/v1/notices', token[hr] as string, {
      title: { 'zh-CN': '行政通知', en: 'Admin office notice' },
      body: { 'zh-CN': '请核对资产清单。', en: 'Please check the asset list.' },
      audience: { roles: ['admin_office'], employeeIds: ['E1050'] },
    });
    expect(toRole.status, JSON.stringify(toRole.body)).toBe(201);
    // Zhao Min (E1050) is named and holds the role: she counts once, beside her assistant.
    expect(toRole.body.recipients).toBe(2);
    // The event arrives three times, two of them at once: each is delivered to and told once.
    const arrival = {
      id: 'duplicate',
      source: 'hr',
      'detail-type': 'NoticePublished',
      time: '2026-11-08T01:00:00Z',
      detail: { noticeId: toRole.body.id, version: 1 },
    };
    await Promise.all([
      stack.functions.invoke('NoticeDelivery', arrival),
      stack.functions.invoke('NoticeDelivery', arrival),
    ]);
    await stack.catchUp();
    token.E1051 = await stack.tokenFor('E1051');
    const told = await api.get('/v1/me/notifications?limit=100', token.E1051 as string);
    expect(
      (told.body.items ?? []).filter((n) => n.link === `/v1/notices/${toRole.body.id}`).map((n) => n.kind),
    ).toEqual(['notice.published']);
    stack.clock.set('2026-11-08T01:05:00.000Z');
    const everyone = await api.post('/v1/notices', token[hr] as string, {
      title: { 'zh-CN': '年会', en: 'Annual party' },
      body: { 'zh-CN': '12 月 20 日晚。', en: 'On the evening of 20 December.' },
      audience: { everyone: true, departments: [{ id: 'D02' }] },
    });
    const staff = await readAllPages(api, '/v1/employees', token[hr] as string, 100);
    expect(everyone.body.recipients).toBe(staff.items.filter((e) => e.status !== 'left').length);
    await stack.catchUp();
    const all = await readAllPages(api, '/v1/notices?scope=all', token[hr] as string, 100);
    expect(all.items.map((n) => n.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(all.items.map((n) => n.id)).toEqual([everyone.body.id, toRole.body.id, noticeId]);
  });
});
