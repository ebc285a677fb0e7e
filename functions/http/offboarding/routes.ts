import { CalendarDate, EmployeeId } from '#domain/ids.ts';
import { Permission } from '#domain/permissions.ts';
import { stageNames } from '#domain/resignation.ts';
import * as z from '#domain/zod.ts';
import { defineRoute } from '#http/route.ts';

const Reason = z.string().check(z.minLength(3), z.maxLength(500));
const Successors = z.array(EmployeeId).check(
  z.maxLength(10),
  z.refine((ids) => new Set(ids).size === ids.length, 'Each successor once'),
);

export const ResignationInput = z
  .strictObject({
    lastWorkingDay: CalendarDate,
    reason: Reason,
    notes: z.optional(z.string().check(z.maxLength(2000))),
    successorIds: z.optional(Successors),
    overrideNotice: z.optional(
      z.boolean().check(z.describe('HR only: accept a last working day beyond the notice period')),
    ),
  })
  .check(z.meta({ id: 'ResignationInput' }));

export const ResignationChangeInput = z
  .strictObject({
    lastWorkingDay: z.optional(CalendarDate),
    successorIds: z.optional(Successors),
    reason: Reason,
    overrideNotice: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (c) => c.lastWorkingDay !== undefined || c.successorIds !== undefined,
      'Give lastWorkingDay or successorIds',
    ),
    z.meta({ id: 'ResignationChange' }),
  );

const StageView = z
  .object({
    name: z.enum(stageNames),
    dueAt: z.iso.datetime(),
    revokes: z.union([z.array(Permission), z.literal('all')]),
    status: z.enum(['planned', 'scheduled', 'applied', 'cancelled']),
    scheduleName: z.optional(z.string()),
    appliedAt: z.optional(z.iso.datetime()),
    appliedBy: z.optional(z.enum(['schedule', 'sweep', 'completion', 'submission', 'replan'])),
    evidence: z.array(
      z.object({
        seq: z.number(),
        at: z.iso.datetime(),
        action: z.string(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .check(z.meta({ id: 'RevocationStage' }));

const ResignationView = z
  .object({
    id: z.string(),
    employeeId: EmployeeId,
    submittedAt: z.iso.datetime(),
    submittedBy: EmployeeId,
    lastWorkingDay: CalendarDate,
    reason: z.string(),
    notes: z.optional(z.string()),
    successorIds: z.array(EmployeeId),
    status: z.enum(['open', 'withdrawn', 'completed']),
    version: z.number(),
    stages: z.array(StageView),
    permissionsNow: z.array(Permission),
  })
  .check(z.meta({ id: 'Resignation' }));

const ById = z.object({ id: EmployeeId });
const tag = 'offboarding';

export const submitResignationRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/resignation',
  operationId: 'submitResignation',
  summary: 'Resign (or HR records it): sensitive permissions go at once, the rest by plan',
  tag,
  auth: 'jwt',
  idempotent: true,
  params: ById,
  body: ResignationInput,
  responses: {
    201: {
      description: 'The resignation and its plan',
      body: ResignationView,
      headers: ['ETag', 'Location'],
    },
  },
});

export const getResignationRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/resignation',
  operationId: 'getResignation',
  summary: 'The latest resignation: every stage with its due time, status and the evidence that applied it',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The resignation', body: ResignationView, headers: ['ETag'] } },
});

export const changeResignationRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/employees/{id}/resignation',
  operationId: 'changeResignation',
  summary: 'Move the last working day (HR; every stage is planned again) or name successors (manager or HR)',
  tag,
  auth: 'jwt',
  params: ById,
  body: ResignationChangeInput,
  requiresIfMatch: true,
  responses: { 200: { description: 'The changed resignation', body: ResignationView, headers: ['ETag'] } },
});

export const withdrawResignationRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/resignation/withdraw',
  operationId: 'withdrawResignation',
  summary: 'Withdraw a resignation (HR): future stages are cancelled, revoked permissions stay revoked',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ reason: Reason }),
  responses: { 200: { description: 'The withdrawn resignation', body: ResignationView } },
});

export const offboardingRoutes = [
  submitResignationRoute,
  getResignationRoute,
  changeResignationRoute,
  withdrawResignationRoute,
] as const;
