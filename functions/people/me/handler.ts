import { makeInbox } from '#adapters/aws/communication/inbox.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeNotifications } from '#app/communication/notifications.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { getMeRoute, listNotificationsRoute, markNotificationReadRoute } from './routes.ts';

const accessStore = makeAccessStore(dynamo, config('hrTable'));
const notifications = makeNotifications({
  inbox: makeInbox(dynamo, makeHrTable(dynamo, config('hrTable')), clock),
  clock,
});
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);

export const handler = httpApi(
  [
    bindRoute(getMeRoute, async ({ principal }) => ({
      status: 200,
      body: {
        employeeId: principal.employeeId,
        roles: principal.roles,
        permissions: principal.effective.map((e) => ({ permission: e.permission, sources: e.sources })),
      },
    })),
    bindRoute(listNotificationsRoute, async ({ principal, query }) => {
      const { limit, cursor, inbox } = query;
      const scope = `listNotifications ${principal.employeeId} ${inbox}`;
      const page = await pageRequest(cursors, { limit, cursor }, scope);
      const result = await notifications.list(principal, inbox, page);
      return { status: 200, body: await pageResponse(cursors, result, scope) };
    }),
    bindRoute(markNotificationReadRoute, async ({ principal, params, query }) => {
      await notifications.markRead(principal, query.inbox, params.noticeId);
      return { status: 204 };
    }),
  ],
  { logger, accessStore },
);
