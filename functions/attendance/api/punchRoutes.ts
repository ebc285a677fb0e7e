import { maxImportDays, maxPunchDays } from '#app/attendance/index.ts';
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

const Count = z.int().check(z.gte(0));

export const importWeComCheckinsRoute = defineRoute({
  method: 'POST',
  path: '/v1/attendance/wecom-imports',
  operationId: 'importWeComCheckins',
  problems: ['wecom_not_configured'],
  summary: `Import WeCom's check-in records of company days from…to (up to ${maxImportDays} days) as punches, through the same verdicts as the app's (HR); again imports nothing twice`,
  tag,
  auth: 'jwt',
  body: z.strictObject({ from: CalendarDate, to: CalendarDate }),
  responses: {
    200: {
      description: 'What came in',
      body: z
        .object({
          from: CalendarDate,
          to: CalendarDate,
          people: Count.check(z.describe('People with a WeCom userid')),
          calls: Count,
          records: Count,
          imported: Count,
          again: Count.check(z.describe('Records imported before')),
          missed: Count.check(z.describe('未打卡: a check-in WeCom says was missed, not a punch')),
          flagged: Count,
          exceptions: z.record(z.string().check(z.maxLength(20)), Count),
          failed: z
            .array(
              z.object({
                errcode: z.int(),
                errmsg: z.string().check(z.maxLength(300)),
                users: Count,
                from: z.iso.datetime().check(z.maxLength(30)),
                to: z.iso.datetime().check(z.maxLength(30)),
              }),
            )
            .check(z.maxLength(1000)),
        })
        .check(z.meta({ id: 'WeComCheckinImport' })),
    },
  },
});

export const punchRoutes = [punchRoute, listPunchesRoute, importWeComCheckinsRoute];
