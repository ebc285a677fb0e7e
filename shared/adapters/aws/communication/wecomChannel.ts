import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import type { Clock } from '#kernel/clock.ts';
import type { WeComCard, WeComChannel, WeComOutcome } from '#ports/communication/index.ts';

export interface WeComSettings {
  /** https://qyapi.weixin.qq.com, or the local fake. */
  apiBase: string;
  corpId: string;
  agentId: number;
  /** The application's secret (Secrets Manager in AWS). */
  corpSecret: () => Promise<string>;
}

/** WeCom's own answer to a call that failed: its errcode and errmsg. */
export class WeComError extends Error {
  readonly errcode: number;
  constructor(errcode: number, errmsg: string) {
    super(`WeCom answered ${errcode}: ${errmsg}`);
    this.name = 'WeComError';
    this.errcode = errcode;
  }
}

/** The access token was refused: WeCom's invalid (40014) and expired (42001) codes. */
export const tokenRefused = new Set([40014, 42001]);
/** Refreshed this long before WeCom would let it expire. */
const refreshAheadMs = 5 * 60_000;
/** WeCom drops what passes 30 messages a minute to one member, silently: we stay under it. */
export const perMemberPerMinute = 20;
/** Our own fault codes in a recorded outcome (WeCom's are positive). */
const rateLimited = -1;
const unreachable = -2;

const tokenKey = { pk: 'WECOM', sk: 'TOKEN' };
const lockKey = { pk: 'WECOM', sk: 'TOKENLOCK' };
const sentKey = (idempotencyKey: string) => ({
  pk: `WECOMSEND#${createHash('sha256').update(idempotencyKey).digest('hex')}`,
  sk: 'SEND',
});

/** Cuts a text to WeCom's limit in UTF-8 bytes, on a character boundary. */
function bytesUpTo(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  let cut = '';
  for (const character of text) {
    if (Buffer.byteLength(`${cut}${character}…`) > limit) break;
    cut += character;
  }
  return `${cut}…`;
}

/**
 * The application's access token, shared through the table and refreshed ahead of its expiry by one
 * caller at a time (a conditional lock item). `refused` is a token WeCom has just refused as invalid
 * or expired: another is fetched. For the channel's messages and the check-in import alike.
 */
export function makeWeComAccessToken(
  settings: Pick<WeComSettings, 'apiBase' | 'corpId' | 'corpSecret'>,
  deps: { dynamo: DynamoDBDocumentClient; table: HrTable; clock: Clock; fetch?: typeof fetch },
): (refused?: string) => Promise<string> {
  const { dynamo, table, clock } = deps;
  const call = deps.fetch ?? fetch;
  const fetchToken = async () => {
    const url = new URL('/cgi-bin/gettoken', settings.apiBase);
    url.searchParams.set('corpid', settings.corpId);
    url.searchParams.set('corpsecret', await settings.corpSecret());
    const answer = (await (await call(url)).json()) as {
      errcode: number;
      errmsg: string;
      access_token?: string;
      expires_in?: number;
    };
    if (answer.errcode !== 0 || !answer.access_token) throw new WeComError(answer.errcode, answer.errmsg);
    return {
      accessToken: answer.access_token,
      expiresAt: clock.now().getTime() + (answer.expires_in ?? 7200) * 1000,
    };
  };

  const token = async (refused?: string): Promise<string> => {
    const now = clock.now().getTime();
    const cached = await table.get(tokenKey, true);
    const usable = cached && cached.accessToken !== refused && Number(cached.expiresAt) > now;
    if (usable && Number(cached.expiresAt) - now > refreshAheadMs) return String(cached.accessToken);
    try {
      await dynamo.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...lockKey,
            type: 'WeComTokenLock',
            until: now + 30_000,
            expiresAt: Math.ceil(now / 1000) + 60,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      // Someone else is refreshing: the current token still works meanwhile, or ask for one ourselves.
      return usable ? String(cached.accessToken) : (await fetchToken()).accessToken;
    }
    const fresh = await fetchToken();
    await table.commit([
      { Put: { TableName: table.tableName, Item: { ...tokenKey, type: 'WeComToken', ...fresh } } },
      { Delete: { TableName: table.tableName, Key: lockKey } },
    ]);
    return fresh.accessToken;
  };
  return token;
}

/**
 * WeCom application messages as text cards. The access token is shared through the table and
 * refreshed ahead of its expiry by one caller at a time (a conditional lock item); refused as invalid
 * or expired, it is refreshed once and the call made once more. Each member gets at most
 * `perMemberPerMinute` messages a minute from us; each sending is made once per idempotency key (with
 * WeCom's duplicate check besides) and its outcome — msgid, invalid members, errcode — is kept.
 */
export function makeWeComChannel(
  settings: WeComSettings,
  deps: { dynamo: DynamoDBDocumentClient; table: HrTable; clock: Clock; fetch?: typeof fetch },
): WeComChannel {
  const { dynamo, table, clock } = deps;
  const call = deps.fetch ?? fetch;

  const token = makeWeComAccessToken(settings, deps);

  /** Members still under their rate this minute; each counted (all at once: a notice reaches thousands). */
  const withinRate = async (userIds: readonly string[]) => {
    const now = clock.now();
    const minute = now.toISOString().slice(0, 16);
    const counted = await Promise.all(
      userIds.map(async (userId) => {
        try {
          await dynamo.send(
            new UpdateCommand({
              TableName: table.tableName,
              Key: { pk: `WECOMRATE#${userId}`, sk: minute },
              UpdateExpression: 'SET #type = :type, expiresAt = :ttl ADD sent :one',
              ConditionExpression: 'attribute_not_exists(sent) OR sent < :limit',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: {
                ':type': 'WeComRate',
                ':one': 1,
                ':limit': perMemberPerMinute,
                ':ttl': Math.ceil(now.getTime() / 1000) + 180,
              },
            }),
          );
          return userId;
        } catch (error) {
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
          return undefined;
        }
      }),
    );
    return counted.filter((u): u is string => u !== undefined);
  };

  const send = async (userIds: readonly string[], card: WeComCard, accessToken: string) => {
    const url = new URL('/cgi-bin/message/send', settings.apiBase);
    url.searchParams.set('access_token', accessToken);
    const response = await call(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: userIds.join('|'),
        agentid: settings.agentId,
        // A card with a button is WeCom's button-interaction template card; its press calls back.
        ...(card.button
          ? {
              msgtype: 'template_card',
              template_card: {
                card_type: 'button_interaction',
                main_title: { title: bytesUpTo(card.title, 36), desc: bytesUpTo(card.description, 44) },
                sub_title_text: bytesUpTo(card.description, 300),
                card_action: { type: 1, url: card.url },
                task_id: createHash('sha256')
                  .update(`${card.button.key}|${userIds.join('|')}`)
                  .digest('hex')
                  .slice(0, 32),
                button_list: [{ text: card.button.text, style: 1, key: card.button.key }],
              },
            }
          : {
              msgtype: 'textcard',
              textcard: {
                title: bytesUpTo(card.title, 128),
                description: bytesUpTo(card.description, 512),
                url: card.url,
                btntxt: '详情 Details',
              },
            }),
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      }),
    });
    return (await response.json()) as {
      errcode: number;
      errmsg: string;
      invaliduser?: string;
      msgid?: string;
    };
  };

  return {
    async sendCard(userIds, card, idempotencyKey) {
      const key = sentKey(idempotencyKey);
      const before = await table.get(key, true);
      if (before) return before.outcome as WeComOutcome;
      const allowed = await withinRate(userIds);
      const overRate = userIds.filter((u) => !allowed.includes(u));
      let outcome: WeComOutcome;
      if (allowed.length === 0) outcome = { errcode: rateLimited, delivered: [], undelivered: [...userIds] };
      else
        try {
          const first = await token();
          let answer = await send(allowed, card, first);
          if (tokenRefused.has(answer.errcode)) answer = await send(allowed, card, await token(first));
          const invalid =
            answer.errcode === 0 ? (answer.invaliduser ?? '').split('|').filter(Boolean) : allowed;
          outcome = {
            errcode: answer.errcode,
            ...(answer.msgid ? { msgid: answer.msgid } : {}),
            delivered: allowed.filter((u) => !invalid.includes(u)),
            undelivered: [...invalid, ...overRate],
          };
        } catch (error) {
          // Not reached at all (network, or a token WeCom would not give): the other channels carry it.
          outcome = {
            errcode: error instanceof WeComError ? error.errcode : unreachable,
            delivered: [],
            undelivered: [...userIds],
          };
        }
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table.tableName,
            Item: {
              ...key,
              type: 'WeComSending',
              userIds: [...userIds],
              outcome,
              at: clock.now().toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        return ((await table.get(key, true))?.outcome as WeComOutcome | undefined) ?? outcome;
      }
      return outcome;
    },
  };
}
