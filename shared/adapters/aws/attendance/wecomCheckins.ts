import { tokenRefused, WeComError } from '#adapters/aws/communication/index.ts';
import type { WeComCheckinRecord, WeComCheckins } from '#ports/attendance/index.ts';

/**
 * WeCom's `checkin/getcheckindata`: every check-in (opencheckindatatype 3) of up to 100 members over
 * up to 30 days. A token WeCom refuses as invalid or expired is replaced once; any other errcode is
 * thrown as WeCom's own answer.
 */
export function makeWeComCheckins(
  settings: { apiBase: string },
  deps: { token: (refused?: string) => Promise<string>; fetch?: typeof fetch },
): WeComCheckins {
  const call = deps.fetch ?? fetch;
  const ask = async (token: string, body: unknown) => {
    const url = new URL('/cgi-bin/checkin/getcheckindata', settings.apiBase);
    url.searchParams.set('access_token', token);
    const response = await call(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { errcode: number; errmsg: string; checkindata?: WeComCheckinRecord[] };
  };
  return {
    async checkinData({ from, to, userIds }) {
      const body = {
        opencheckindatatype: 3,
        starttime: Math.floor(from.getTime() / 1000),
        endtime: Math.floor(to.getTime() / 1000),
        useridlist: userIds,
      };
      const first = await deps.token();
      let answer = await ask(first, body);
      if (tokenRefused.has(answer.errcode)) answer = await ask(await deps.token(first), body);
      if (answer.errcode !== 0) throw new WeComError(answer.errcode, answer.errmsg);
      return answer.checkindata ?? [];
    },
  };
}
