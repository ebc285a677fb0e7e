import { AccessDenial, EvidenceDraft } from '#domain/evidence/index.ts';
import { ResignationId } from '#domain/offboarding/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, EmployeeId, InstantWithOffset, Timestamp } from '#kernel/ids.ts';
import { MapKey, Sha256Hex } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const EvidenceEntry = z
  .object({
    seq: z.int().check(z.positive()),
    at: Timestamp,
    ...EvidenceDraft.shape,
    details: z.record(MapKey, z.unknown()),
    prevHash: Sha256Hex,
    hash: Sha256Hex,
  })
  .check(z.meta({ id: 'EvidenceEntry' }));

export const listEvidenceRoute = defineRoute({
  method: 'GET',
  path: '/v1/evidence',
  operationId: 'listEvidence',
  summary: 'The evidence log, newest first, by subject, action and time',
  tag: 'evidence',
  auth: 'jwt',
  query: z.strictObject({
    ...PageQuery.shape,
    subject: z.optional(z.string().check(z.regex(/^[a-z-]+:.+$/, 'Like employee:E1001'), z.maxLength(200))),
    action: z.optional(
      z.string().check(z.maxLength(100), z.regex(/^[a-z]+(?:[.-][a-z]+)+$/, 'Like permission.revoked')),
    ),
    caseId: z.optional(ResignationId.check(z.describe('The entries of one offboarding case (resignation)'))),
    from: z.optional(
      z
        .union([InstantWithOffset, CalendarDate])
        .check(z.describe('From this instant (any offset), or this day (company time)')),
    ),
    to: z.optional(
      z
        .union([InstantWithOffset, CalendarDate])
        .check(z.describe('To this instant (any offset), or the end of this day')),
    ),
  }),
  responses: { 200: { description: 'A page of entries', body: pageOf(EvidenceEntry) } },
});

export const listAccessDenialsRoute = defineRoute({
  method: 'GET',
  path: '/v1/access-denials',
  operationId: 'listAccessDenials',
  summary:
    'Refused attempts HR must see: customer reads, writes and exports refused to people who are leaving, and every refused export; one entry per actor, action, target and hour, counted',
  tag: 'evidence',
  auth: 'jwt',
  query: z.strictObject({
    ...PageQuery.shape,
    actor: z.optional(EmployeeId),
    caseId: z.optional(ResignationId.check(z.describe("The attempts counted against a case (its leaver's)"))),
    from: z.optional(InstantWithOffset.check(z.describe('From the hour of this instant (any offset)'))),
    to: z.optional(
      InstantWithOffset.check(z.describe('To the end of the hour of this instant (any offset)')),
    ),
  }),
  responses: { 200: { description: 'A page of entries, newest hour first', body: pageOf(AccessDenial) } },
});

export const evidenceRoutes = [listEvidenceRoute, listAccessDenialsRoute] as const;
