import { Permission, Role } from '#domain/permissions.ts';
import * as z from '#domain/zod.ts';
import { defineRoute } from '#http/route.ts';

export const MeResponse = z
  .object({
    employeeId: z.string(),
    roles: z.array(Role),
    permissions: z.array(
      z.object({
        permission: Permission,
        sources: z
          .array(z.string())
          .check(z.describe('Where the permission comes from: role:<role> or grant')),
      }),
    ),
  })
  .check(z.meta({ id: 'Me' }));

export const getMeRoute = defineRoute({
  method: 'GET',
  path: '/v1/me',
  operationId: 'getMe',
  summary: "The caller's employee id, roles and live permissions",
  tag: 'me',
  auth: 'jwt',
  responses: { 200: { description: 'Who the caller is and what they may do right now', body: MeResponse } },
});

export const meRoutes = [getMeRoute] as const;
