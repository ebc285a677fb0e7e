import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encrypt, getSignature } from '@wecom/crypto';
import type { WeComCheckinRecord } from '#ports/attendance/index.ts';

/** A check-in record the fake holds, as `getcheckindata` gives it. */
export type FakeCheckin = WeComCheckinRecord;

/** A message the fake took, as a member would see it. */
export interface FakeWeComMessage {
  msgid: string;
  userId: string;
  title: string;
  description: string;
  url: string;
  /** A template card's button, which `press` sends back through the callback. */
  buttonKey?: string | undefined;
  taskId?: string | undefined;
  at: string;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * WeCom (企业微信) on loopback, for the local stack and the tests: `gettoken` and `message/send` with
 * their documented answers — 40001 for a wrong secret, 40014 for an invalid and 42001 for an expired
 * access token, 81013 when no member of `touser` exists, 45009 when told to refuse for frequency —
 * the per-member limit of 30 a minute (what passes it is dropped without an error, as WeCom does) and
 * the duplicate check; `checkin/getcheckindata` over the check-ins it was given, with 301023 for more
 * than 100 members and 40058 for a span over 30 days. Time comes from `now`, so a manual clock drives it.
 */
export async function startWeComFake(options: {
  corpId: string;
  corpSecret: string;
  /** The company's members by WeCom userid; 'anyone' takes every userid as a member (npm start). */
  members: readonly string[] | 'anyone';
  now: () => Date;
  /** Told of every message a member receives (npm start prints them). */
  onMessage?: (message: FakeWeComMessage) => void;
  /** Where the company's callback is, with the token and EncodingAESKey it was set up with. */
  callback?: { url: () => string; token: string; aesKey: string };
  port?: number;
}) {
  const isMember = (userId: string) =>
    options.members === 'anyone' ? userId.length > 0 : options.members.includes(userId);
  let tokens = new Map<string, 'valid' | 'expired'>();
  const refusals: number[] = [];
  const messages: FakeWeComMessage[] = [];
  const calls = { gettoken: 0, send: 0, checkin: 0 };
  const checkins: FakeCheckin[] = [];
  const sentTo = new Map<string, number[]>();
  const recent = new Map<string, number>();

  async function press(message: FakeWeComMessage, tamper = false) {
    const callback = options.callback;
    if (!callback) throw new Error('The fake was started without a callback');
    const time = Math.floor(options.now().getTime() / 1000);
    const event = [
      `<xml><ToUserName><![CDATA[${options.corpId}]]></ToUserName>`,
      `<FromUserName><![CDATA[${message.userId}]]></FromUserName><CreateTime>${time}</CreateTime>`,
      '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>',
      `<EventKey><![CDATA[${message.buttonKey ?? ''}]]></EventKey><TaskId><![CDATA[${message.taskId ?? ''}]]></TaskId>`,
      '<CardType><![CDATA[button_interaction]]></CardType><AgentID>1</AgentID></xml>',
    ].join('');
    const encrypted = encrypt(callback.aesKey, event, options.corpId);
    const nonce = randomBytes(6).toString('hex');
    const signature = getSignature(tamper ? 'not-the-token' : callback.token, time, nonce, encrypted);
    const url = new URL(callback.url());
    url.searchParams.set('msg_signature', signature);
    url.searchParams.set('timestamp', String(time));
    url.searchParams.set('nonce', nonce);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName><![CDATA[${options.corpId}]]></ToUserName><AgentID><![CDATA[1]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    });
    return { status: response.status, text: await response.text() };
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (body: Record<string, unknown>) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/gettoken') {
      calls.gettoken++;
      if (
        url.searchParams.get('corpid') !== options.corpId ||
        url.searchParams.get('corpsecret') !== options.corpSecret
      )
        return answer({ errcode: 40001, errmsg: 'invalid credential' });
      const token = `token-${randomBytes(8).toString('hex')}`;
      tokens.set(token, 'valid');
      return answer({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/send' && request.method === 'POST') {
      calls.send++;
      const state = tokens.get(url.searchParams.get('access_token') ?? '');
      if (!state) return answer({ errcode: 40014, errmsg: 'invalid access_token' });
      if (state === 'expired') return answer({ errcode: 42001, errmsg: 'access_token expired' });
      const refusal = refusals.shift();
      if (refusal === 45009) return answer({ errcode: 45009, errmsg: 'api freq out of limit' });
      if (refusal !== undefined) return answer({ errcode: refusal, errmsg: 'refused' });
      const body = JSON.parse(await readBody(request)) as {
        touser: string;
        msgtype: string;
        textcard?: { title: string; description: string; url: string };
        template_card?: {
          main_title: { title: string; desc: string };
          card_action: { url: string };
          task_id: string;
          button_list: { key: string; text: string }[];
        };
        enable_duplicate_check?: number;
        duplicate_check_interval?: number;
      };
      const wanted = body.touser.split('|').filter(Boolean);
      const invalid = wanted.filter((u) => !isMember(u));
      if (invalid.length === wanted.length)
        return answer({ errcode: 81013, errmsg: 'user & party & tag all invalid' });
      const msgid = randomBytes(12).toString('hex');
      const now = options.now().getTime();
      const shown = body.template_card
        ? {
            title: body.template_card.main_title.title,
            description: body.template_card.main_title.desc,
            url: body.template_card.card_action.url,
            buttonKey: body.template_card.button_list[0]?.key,
            taskId: body.template_card.task_id,
          }
        : {
            title: body.textcard?.title ?? '',
            description: body.textcard?.description ?? '',
            url: body.textcard?.url ?? '',
          };
      for (const userId of wanted.filter(isMember)) {
        const content = `${userId}|${JSON.stringify(shown)}`;
        const window = (body.duplicate_check_interval ?? 1800) * 1000;
        if (body.enable_duplicate_check && now - (recent.get(content) ?? -Infinity) < window) continue;
        recent.set(content, now);
        const minute = (sentTo.get(userId) ?? []).filter((t) => now - t < 60_000);
        sentTo.set(userId, [...minute, now]);
        if (minute.length >= 30) continue; // dropped, as WeCom drops it: no error
        const message = { msgid, userId, ...shown, at: new Date(now).toISOString() };
        messages.push(message);
        options.onMessage?.(message);
      }
      return answer({
        errcode: 0,
        errmsg: 'ok',
        ...(invalid.length > 0 ? { invaliduser: invalid.join('|') } : {}),
        msgid,
      });
    }
    if (url.pathname === '/cgi-bin/checkin/getcheckindata' && request.method === 'POST') {
      calls.checkin++;
      const state = tokens.get(url.searchParams.get('access_token') ?? '');
      if (!state) return answer({ errcode: 40014, errmsg: 'invalid access_token' });
      if (state === 'expired') return answer({ errcode: 42001, errmsg: 'access_token expired' });
      const refusal = refusals.shift();
      if (refusal !== undefined) return answer({ errcode: refusal, errmsg: 'refused', checkindata: [] });
      const body = JSON.parse(await readBody(request)) as {
        opencheckindatatype: number;
        starttime: number;
        endtime: number;
        useridlist: string[];
      };
      if (!Array.isArray(body.useridlist) || body.useridlist.length > 100)
        return answer({ errcode: 301023, errmsg: 'userlist is over threshold', checkindata: [] });
      if (!(body.endtime >= body.starttime) || body.endtime - body.starttime > 30 * 86_400)
        return answer({
          errcode: 40058,
          errmsg: 'invalid Request Parameter: time span over 30 days',
          checkindata: [],
        });
      const kinds: Record<number, string[]> = { 1: ['上班打卡', '下班打卡'], 2: ['外出打卡'] };
      const checkindata = checkins.filter(
        (c) =>
          body.useridlist.includes(c.userid) &&
          (c.checkin_time || c.sch_checkin_time || 0) >= body.starttime &&
          (c.checkin_time || c.sch_checkin_time || 0) <= body.endtime &&
          (body.opencheckindatatype === 3 ||
            (kinds[body.opencheckindatatype] ?? []).includes(c.checkin_type)),
      );
      return answer({ errcode: 0, errmsg: 'ok', checkindata });
    }
    // Not WeCom's: what a member's phone would show, and their press of a card's button.
    if (url.pathname === '/_fake/messages' && request.method === 'GET') {
      const user = url.searchParams.get('user');
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ items: messages.filter((m) => !user || m.userId === user) }));
    }
    const pressing = /^\/_fake\/messages\/([0-9a-f]+)\/press$/.exec(url.pathname);
    if (pressing && request.method === 'POST') {
      const user = url.searchParams.get('user');
      const message = messages.find((m) => m.msgid === pressing[1] && m.userId === user);
      if (!message?.buttonKey) {
        response.writeHead(404, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ errmsg: 'no card with a button for that msgid and user' }));
      }
      const pressed = await press(message).catch((error: Error) => ({ status: 502, text: error.message }));
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ callback: pressed }));
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errcode: 404, errmsg: 'no such API in the fake' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    calls,
    /** Check-ins WeCom's own app recorded (getcheckindata gives them back). */
    addCheckins: (...records: FakeCheckin[]) => void checkins.push(...records),
    /** The next sendings (and check-in reads) are refused with these errcodes, in order. */
    refuseNext: (...errcodes: number[]) => void refusals.push(...errcodes),
    /** Every token given so far expires (42001 from now on). */
    expireTokens: () => {
      tokens = new Map([...tokens.keys()].map((t) => [t, 'expired' as const]));
    },
    /** Every token given so far becomes unknown (40014), as after a secret was reset. */
    forgetTokens: () => {
      tokens = new Map();
    },
    /**
     * A member presses a card's button: WeCom's template_card_event, encrypted and signed, POSTed to
     * the callback as WeCom would. Returns the callback's status and text.
     */
    press,
    /** An admin saves the callback URL: WeCom's check with an encrypted echostr. */
    async verifyUrl() {
      const callback = options.callback;
      if (!callback) throw new Error('The fake was started without a callback');
      const echo = randomBytes(8).toString('hex');
      const encrypted = encrypt(callback.aesKey, echo, options.corpId);
      const time = Math.floor(options.now().getTime() / 1000);
      const url = new URL(callback.url());
      url.searchParams.set('msg_signature', getSignature(callback.token, time, 'n1', encrypted));
      url.searchParams.set('timestamp', String(time));
      url.searchParams.set('nonce', 'n1');
      url.searchParams.set('echostr', encrypted);
      const response = await fetch(url);
      return { echo, status: response.status, text: await response.text() };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WeComFake = Awaited<ReturnType<typeof startWeComFake>>;
