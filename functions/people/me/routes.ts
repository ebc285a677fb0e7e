import { NotificationIdPattern } from '#domain/communication/index.ts';
import { Permission, permissions } from '#domain/permissions.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import { Role, roles } from '#kernel/principal.ts';
import { MapKey, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

export const MeResponse = z
  .object({
    employeeId: EmployeeId,
    roles: z.array(Role).check(z.maxLength(roles.length)),
    permissions: z
      .array(
        z.object({
          permission: Permission,
          sources: z
            .array(upTo(40))
            .check(
              z.maxLength(roles.length + 1),
              z.describe('Where the permission comes from: role:<role> or grant'),
            ),
        }),
      )
      .check(z.maxLength(permissions.length)),
  })
  .check(z.meta({ id: 'Me' }));

const InboxQuery = z.object({
  inbox: z._default(
    z
      .enum(['mine', 'hr', 'admin_office'])
      .check(
        z.describe(
          "`hr` is HR's shared inbox (offboarding:manage); `admin_office` the admin office's (offboarding:confirm-assets)",
        ),
      ),
    'mine',
  ),
});

const Notification = z
  .object({
    id: z.string().check(z.regex(NotificationIdPattern)),
    kind: upTo(100),
    title: upTo(200),
    body: upTo(4000),
    at: Timestamp,
    data: z.optional(z.record(MapKey, z.unknown())),
    link: z.optional(
      upTo(500).check(z.describe('The API path of what the notification is about: GET it with your token')),
    ),
    readAt: z.optional(Timestamp),
  })
  .check(z.meta({ id: 'Notification' }));

const tag = 'me';

export const getMeRoute = defineRoute({
  method: 'GET',
  path: '/v1/me',
  operationId: 'getMe',
  summary: "The caller's employee id, roles and live permissions",
  tag,
  auth: 'jwt',
  responses: { 200: { description: 'Who the caller is and what they may do right now', body: MeResponse } },
});

export const listNotificationsRoute = defineRoute({
  method: 'GET',
  path: '/v1/me/notifications',
  operationId: 'listNotifications',
  summary: "The caller's notifications (or HR's shared inbox), newest first",
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, ...InboxQuery.shape }),
  responses: { 200: { description: 'A page of notifications', body: pageOf(Notification) } },
});

export const markNotificationReadRoute = defineRoute({
  method: 'POST',
  path: '/v1/me/notifications/{notificationId}/read',
  operationId: 'markNotificationRead',
  summary: 'Mark a notification read (marking it again keeps the first time)',
  tag,
  auth: 'jwt',
  params: z.object({
    notificationId: z
      .string()
      .check(z.regex(NotificationIdPattern, 'A notification id like N20261127120000123a1b2c3d')),
  }),
  query: z.strictObject(InboxQuery.shape),
  responses: { 204: { description: 'Marked read' } },
});

export const meRoutes = [getMeRoute, listNotificationsRoute, markNotificationReadRoute] as const;
