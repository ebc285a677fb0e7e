import { defineRoute } from '#http/route.ts';
import * as z from '#kernel/zod.ts';

const tag = 'wecom';
const signed = {
  msg_signature: z.string().check(z.regex(/^[0-9a-f]{40}$/, 'A SHA-1 signature: 40 hex characters')),
  timestamp: z.string().check(z.regex(/^\d{1,12}$/)),
  nonce: z.string().check(z.minLength(1), z.maxLength(64)),
};
const credential = {
  scheme: 'wecomSignature',
  in: 'query',
  name: 'msg_signature',
  description:
    'WeCom’s signature of the request (SHA-1 over the callback token, timestamp, nonce and the encrypted text); the text is AES-256-CBC encrypted for the company',
} as const;

export const verifyWeComCallbackRoute = defineRoute({
  method: 'GET',
  path: '/v1/wecom/callback',
  operationId: 'verifyWeComCallback',
  problems: ['wecom_signature_invalid'],
  summary: 'WeCom checks the callback URL: the decrypted echostr comes back as it is',
  tag,
  auth: 'public',
  credential,
  query: z.strictObject({ ...signed, echostr: z.string().check(z.minLength(1), z.maxLength(2048)) }),
  responses: { 200: { description: 'The decrypted echostr', mediaTypes: ['text/plain'] } },
});

export const receiveWeComCallbackRoute = defineRoute({
  method: 'POST',
  path: '/v1/wecom/callback',
  operationId: 'receiveWeComCallback',
  problems: ['wecom_signature_invalid'],
  summary:
    'WeCom’s events, signed and encrypted: a press of a notice card’s acknowledge button acknowledges that version for the member',
  tag,
  auth: 'public',
  credential,
  query: z.strictObject(signed),
  rawBody: {
    contentTypes: ['text/xml', 'application/xml'],
    description: 'WeCom’s envelope: <xml><ToUserName/><AgentID/><Encrypt/></xml>',
  },
  maxBodyBytes: 64 * 1024,
  responses: { 200: { description: 'Taken (WeCom needs only an answer)', mediaTypes: ['text/plain'] } },
});

export const wecomRoutes = [verifyWeComCallbackRoute, receiveWeComCallbackRoute] as const;
