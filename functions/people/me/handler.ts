import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { notificationsApi } from '#wiring/communication.ts';
import { getMeRoute, listNotificationsRoute, markNotificationReadRoute } from './routes.ts';

const notifications = notificationsApi();

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
    bindPagedRoute(listNotificationsRoute, cursors, ({ principal, query }, page) =>
      notifications.list(principal, query.inbox, page),
    ),
    bindRoute(markNotificationReadRoute, async ({ principal, params, query }) => {
      await notifications.markRead(principal, query.inbox, params.notificationId);
      return { status: 204 };
    }),
  ],
  apiOptions(),
);
