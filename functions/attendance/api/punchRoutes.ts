import { maxPunchDays } from '#app/attendance/index.ts';
import { NewPunch, Punch } from '#domain/attendance/index.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const tag = 'attendance';
const { position: _p, positionKeptUntil: _k, ...shown } = Punch.shape;
export const PunchView = z.object(shown).check(z.meta({ id: 'Punch' }));

export const punchRoute = defineRoute({
  method: 'POST',
  path: '/v1/attendance/punches',
  operationId: 'punch',
  problems: ['location_consent_missing'],
  summary:
    'Check in or out (for oneself): the server records its verdict — accepted, or flagged with each reason — and never accepts what it could not check',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewPunch.check(z.meta({ id: 'NewPunch' })),
  responses: { 201: { description: 'Recorded, with its verdict', body: PunchView } },
});

export const listPunchesRoute = defineRoute({
  method: 'GET',
  path: '/v1/attendance/punches',
  operationId: 'listPunches',
  problems: ['not_found'],
  summary: `Someone's punches with work dates from…to (up to ${maxPunchDays} days), oldest first, with their verdicts and never their positions (the person, their line, HR)`,
  tag,
  auth: 'jwt',
  query: z.strictObject({ employeeId: EmployeeId, from: CalendarDate, to: CalendarDate }),
  responses: {
    200: {
      description: 'Their punches',
      body: z
        .object({ items: z.array(PunchView).check(z.maxLength(2000)) })
        .check(z.meta({ id: 'PunchList' })),
    },
  },
});

export const punchRoutes = [punchRoute, listPunchesRoute];
