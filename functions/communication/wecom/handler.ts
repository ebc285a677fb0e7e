import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions } from '#wiring/api.ts';
import { wecomCallback } from '#wiring/communication.ts';
import { logger } from '#wiring/log.ts';
import { receiveWeComCallbackRoute, verifyWeComCallbackRoute } from './routes.ts';

const callback = wecomCallback();
const text = (body: string) => ({
  status: 200,
  text: body,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
});

/** WeCom's callback: its URL check, and the presses of notice cards' buttons. */
export const handler = httpApi(
  [
    bindRoute(verifyWeComCallbackRoute, async ({ query }) => text(await callback.verifyUrl(query))),
    bindRoute(receiveWeComCallbackRoute, async ({ query, body }) => {
      const outcome = await callback.receive(query, body);
      logger.info('WeCom callback', { outcome });
      return text('success');
    }),
  ],
  apiOptions(),
);
