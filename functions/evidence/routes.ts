import { EvidenceDraft } from '#domain/evidence/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { Timestamp } from '#kernel/ids.ts';
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
    from: z.optional(Timestamp),
    to: z.optional(Timestamp),
  }),
  responses: { 200: { description: 'A page of entries', body: pageOf(EvidenceEntry) } },
});

export const evidenceRoutes = [listEvidenceRoute] as const;
