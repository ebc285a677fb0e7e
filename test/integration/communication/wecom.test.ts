import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWeComChannel, perMemberPerMinute } from '#adapters/aws/communication/wecomChannel.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { startWeComFake, type WeComFake } from '#infra/local/wecomFake.ts';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * WeCom (企业微信) as a channel, against a fake that answers as WeCom documents: the access token
 * kept and refreshed, each of WeCom's refusals, the per-member rate, one sending per key — and the
 * product falling back to e-mail for whoever WeCom does not reach.
 */
let stack: TestRuntime;
let fake: WeComFake;
let api: ReturnType<typeof client>;
const corp = { corpId: 'ww-hongtu', corpSecret: 'app-secret', agentId: 1000002 };
const callback = {
  callbackToken: 'callback-token',
  callbackAesKey: randomBytes(32).toString('base64').replace(/=$/, ''),
};
const card = {
  title: '通知 Notice',
  description: '请查看 Please read',
  url: 'https://hr.hongtu.example/v1/notices',
};

beforeAll(async () => {
  let now = () => new Date();
  fake = await startWeComFake({
    ...corp,
    members: ['lilei', 'wangfang'],
    now: () => now(),
    callback: {
      url: () => `${stack.url}/v1/wecom/callback`,
      token: callback.callbackToken,
      aesKey: callback.callbackAesKey,
    },
  });
  stack = await startTestRuntime({
    wecom: { apiBase: fake.url, ...corp, ...callback, appUrl: 'https://hr.hongtu.example' },
  });
  now = () => stack.clock.now();
  api = client(stack);
  await stack.loadDemo();
});
afterAll(async () => {
  await stack.stop();
  await fake.stop();
});

const channel = (secret = corp.corpSecret) =>
  makeWeComChannel(
    { apiBase: fake.url, corpId: corp.corpId, agentId: corp.agentId, corpSecret: async () => secret },
    {
      dynamo: stack.clients.dynamo,
      table: makeHrTable(stack.clients.dynamo, stack.names.tables.hr),
      clock: stack.clock,
    },
  );

describe('the WeCom channel', () => {
  it('keeps one access token for everyone, refreshes it before it expires, and sends each key once', async () => {
    const first = await channel().sendCard(['lilei'], card, 'k1');
    expect(first).toMatchObject({ errcode: 0, delivered: ['lilei'], undelivered: [] });
    expect(first.msgid).toMatch(/^[0-9a-f]+$/);
    await channel().sendCard(['wangfang'], card, 'k2');
    expect(fake.calls.gettoken).toBe(1);
    // The same key again is answered from the record: WeCom is not called.
    const sends = fake.calls.send;
    expect(await channel().sendCard(['lilei'], card, 'k1')).toEqual(first);
    expect(fake.calls.send).toBe(sends);
    // Two hours on, less four minutes: within five minutes of expiry, a new token is fetched first.
    stack.clock.set(new Date(stack.clock.now().getTime() + 7200_000 - 240_000).toISOString());
    await channel().sendCard(['lilei'], { ...card, title: 'Later' }, 'k3');
    expect(fake.calls.gettoken).toBe(2);
  });

  it('refreshes once and sends again when WeCom calls the token expired (42001) or invalid (40014)', async () => {
    for (const [refuse, key] of [
      [() => fake.expireTokens(), 'k-expired'],
      [() => fake.forgetTokens(), 'k-invalid'],
    ] as const) {
      refuse();
      const before = fake.calls.gettoken;
      const outcome = await channel().sendCard(['lilei'], { ...card, title: key }, key);
      expect(outcome).toMatchObject({ errcode: 0, delivered: ['lilei'] });
      expect(fake.calls.gettoken).toBe(before + 1);
    }
  });

  it('records who it did not reach: frequency refused (45009), nobody valid (81013), some invalid, a wrong secret (40001)', async () => {
    fake.refuseNext(45009);
    expect(await channel().sendCard(['lilei'], card, 'k-freq')).toEqual({
      errcode: 45009,
      delivered: [],
      undelivered: ['lilei'],
    });
    expect(await channel().sendCard(['nobody'], card, 'k-none')).toEqual({
      errcode: 81013,
      delivered: [],
      undelivered: ['nobody'],
    });
    expect(await channel().sendCard(['lilei', 'nobody'], { ...card, title: 'Some' }, 'k-some')).toMatchObject(
      {
        errcode: 0,
        delivered: ['lilei'],
        undelivered: ['nobody'],
      },
    );
    const stored = await stack.clients.dynamo.send(
      new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({
        TableName: stack.names.tables.hr,
        FilterExpression: '#t = :t',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':t': 'WeComSending' },
      }),
    );
    expect(stored.Items?.map((i) => (i.outcome as { errcode: number }).errcode).sort()).toContain(81013);
    // A fresh token with a wrong secret: WeCom refuses it, nothing is sent, and the outcome says so.
    fake.forgetTokens();
    expect(await channel('wrong').sendCard(['lilei'], card, 'k-secret')).toEqual({
      errcode: 40001,
      delivered: [],
      undelivered: ['lilei'],
    });
  });

  it(`sends a member at most ${perMemberPerMinute} a minute, under WeCom's 30 past which it drops in silence`, async () => {
    stack.clock.set(new Date(stack.clock.now().getTime() + 120_000).toISOString());
    const outcomes = [];
    for (let n = 0; n <= perMemberPerMinute; n++)
      outcomes.push(await channel().sendCard(['wangfang'], { ...card, title: `Burst ${n}` }, `burst-${n}`));
    expect(outcomes.filter((o) => o.delivered.includes('wangfang'))).toHaveLength(perMemberPerMinute);
    expect(outcomes.at(-1)).toMatchObject({ errcode: -1, undelivered: ['wangfang'] });
  });
});

describe('a notice through WeCom', () => {
  it('reaches members with a WeCom id by card, and by e-mail everyone WeCom does not reach', async () => {
    const hr = await stack.tokenFor('E1041');
    for (const [id, wecomUserId] of [
      ['E1003', 'lilei'],
      ['E1004', 'zhaolei'],
      ['E1005', null],
    ] as const) {
      const changed = await api.change(`/v1/employees/${id}`, hr, { wecomUserId });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    }
    const before = fake.messages.length;
    const published = await api.post('/v1/notices', hr, {
      title: { 'zh-CN': '团建', en: 'Team day' },
      body: { 'zh-CN': '周五下午团建。', en: 'Team day on Friday afternoon.' },
      audience: { employeeIds: ['E1003', 'E1004', 'E1005'] },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    stack.outbox.sent.length = 0;
    await stack.catchUp();
    const cards = fake.messages.slice(before);
    expect(cards.map((m) => m.userId)).toEqual(['lilei']);
    expect(cards[0]?.url).toBe(`https://hr.hongtu.example/v1/notices/${published.body.id}`);
    // zhaolei is no member of the company's WeCom (an invalid user) and E1005 has no WeCom id: both
    // are mailed; Li Lei, whom the card reached, is not.
    const emailOf = async (id: string) => String((await api.get(`/v1/employees/${id}`, hr)).body.workEmail);
    expect(stack.outbox.sent.map((m) => m.to).sort()).toEqual(
      [await emailOf('E1004'), await emailOf('E1005')].sort(),
    );
  });
});

describe('the WeCom callback', () => {
  it('answers WeCom’s URL check with the decrypted echostr, and refuses a request it did not sign', async () => {
    const check = await fake.verifyUrl();
    expect(check).toMatchObject({ status: 200, text: check.echo });
    const unsigned = await stack.request(
      `/v1/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=n&echostr=abc`,
    );
    expect(unsigned.status).toBe(403);
  });

  it('acknowledges a notice when its card’s button is pressed, for the member who pressed it', async () => {
    const hr = await stack.tokenFor('E1041');
    const published = await api.post('/v1/notices', hr, {
      title: { 'zh-CN': '安全守则', en: 'Safety rules' },
      body: { 'zh-CN': '请阅读并确认安全守则。', en: 'Please read and acknowledge the safety rules.' },
      audience: { employeeIds: ['E1003'] },
      requiresAcknowledgement: true,
    });
    await stack.catchUp();
    const cardOf = fake.messages.find((m) => m.userId === 'lilei' && m.title.includes('安全守则'));
    expect(cardOf?.buttonKey).toBe(`ack:${published.body.id}:${published.body.contentHash}`);
    const card = cardOf as NonNullable<typeof cardOf>;
    expect(await fake.press(card, true)).toMatchObject({ status: 403 });
    expect(await fake.press(card)).toEqual({ status: 200, text: 'success' });
    const mine = await api.get(`/v1/notices/${published.body.id}`, await stack.tokenFor('E1003'));
    expect(mine.body.receipt).toMatchObject({
      acknowledged: true,
      acknowledgedHash: published.body.contentHash,
    });
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1003&action=notice.acknowledged',
      await stack.tokenFor('E1040'),
    );
    expect(evidence.body.items).toMatchObject([
      { actor: 'E1003', details: { noticeId: published.body.id, via: 'wecom' } },
    ]);
    // Pressed again (WeCom delivers at least once): still one acknowledgement.
    expect((await fake.press(card)).status).toBe(200);
    const again = await api.get(
      '/v1/evidence?subject=employee:E1003&action=notice.acknowledged',
      await stack.tokenFor('E1040'),
    );
    expect(again.body.items).toHaveLength(1);
  });
});
