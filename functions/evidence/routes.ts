import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const EvidenceEntry = z
  .object({
    seq: z.number(),
    at: Timestamp,
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    caseId: z.optional(z.string()),
    reason: z.optional(z.string()),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
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
    action: z.optional(z.string().check(z.regex(/^[a-z]+(?:[.-][a-z]+)+$/, 'Like permission.revoked'))),
    from: z.optional(Timestamp),
    to: z.optional(Timestamp),
  }),
  responses: { 200: { description: 'A page of entries', body: pageOf(EvidenceEntry) } },
});

export const evidenceRoutes = [listEvidenceRoute] as const;
