import {
  maxNoticeVersions,
  NewNotice,
  NoticeAudience,
  NoticeBody,
  NoticeCorrection,
  NoticeId,
  NoticeStatus,
  NoticeTitle,
  NoticeVersion,
} from '#domain/communication/index.ts';
import { maxPageSize, PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { AttachmentUploadLink, AttachmentWithLink } from '../attachments.ts';

const tag = 'notices';
const ById = z.object({ id: NoticeId });
const Hash = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'A SHA-256 hash: 64 hex characters'));
const Rate = z.number().check(z.gte(0), z.lte(1));

const ReceiptState = z.object({
  read: z.boolean().check(z.describe('Read the current version')),
  acknowledged: z.boolean().check(z.describe('Acknowledged the current version')),
  readAt: z.optional(Timestamp),
  acknowledgedAt: z.optional(Timestamp),
  acknowledgedVersion: z.optional(z.int().check(z.positive())),
  acknowledgedHash: z.optional(Hash),
});

const NoticeSummary = z
  .object({
    id: NoticeId,
    version: z.int().check(z.positive()),
    title: NoticeTitle,
    requiresAcknowledgement: z.boolean(),
    attachments: z.int().check(z.gte(0), z.describe('How many files it has')),
    recipients: z.int().check(z.gte(0)),
    status: NoticeStatus,
    firstPublishedAt: Timestamp,
    publishedAt: Timestamp,
    receipt: z.optional(ReceiptState.check(z.describe("Where the caller's own copy stands"))),
  })
  .check(z.meta({ id: 'NoticeSummary' }));

const NoticeView = z
  .object({
    id: NoticeId,
    version: z.int().check(z.positive()),
    title: NoticeTitle,
    body: NoticeBody,
    attachments: z.array(AttachmentWithLink).check(z.maxLength(10)),
    contentHash: Hash.check(z.describe('What an acknowledgement of this version sends back')),
    requiresAcknowledgement: z.boolean(),
    publishedAt: Timestamp,
    firstPublishedAt: Timestamp,
    receipt: z.optional(ReceiptState),
    audience: z.optional(NoticeAudience.check(z.describe('HR only'))),
    recipients: z.optional(z.int().check(z.gte(0))),
    delivery: z.optional(
      z.object({
        status: NoticeStatus,
        receiptsWritten: z.int().check(z.gte(0)),
        told: z.int().check(z.gte(0)),
      }),
    ),
    versions: z.optional(z.array(NoticeVersion).check(z.maxLength(maxNoticeVersions))),
    reminderAfterDays: z.optional(z.int().check(z.positive())),
    remindOn: z.optional(CalendarDate),
    remindedAt: z.optional(Timestamp),
  })
  .check(z.meta({ id: 'Notice' }));

export const uploadNoticeAttachmentRoute = defineRoute({
  method: 'POST',
  path: '/v1/notices/attachments',
  operationId: 'uploadNoticeAttachment',
  summary: 'A link to PUT one file (15 minutes) for a notice about to be published or corrected (HR)',
  tag,
  auth: 'jwt',
  body: z.strictObject({
    contentType: z._default(
      z.enum([
        'application/pdf',
        'image/png',
        'image/jpeg',
        'text/plain',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]),
      'application/pdf',
    ),
  }),
  responses: {
    201: {
      description: 'Where to upload the file; then name its id among the notice’s attachments',
      body: AttachmentUploadLink,
    },
  },
});

export const publishNoticeRoute = defineRoute({
  method: 'POST',
  path: '/v1/notices',
  operationId: 'publishNotice',
  problems: ['reference_not_found', 'audience_empty', 'audience_too_large', 'attachment_missing'],
  summary:
    'Publish a notice to people, departments (with those below them), roles or everyone: the audience is resolved to people now and frozen (HR; recorded as evidence)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewNotice.check(z.meta({ id: 'NewNotice' })),
  responses: {
    201: { description: 'Published; its delivery follows', body: NoticeView, headers: ['ETag', 'Location'] },
  },
});

export const listNoticesRoute = defineRoute({
  method: 'GET',
  path: '/v1/notices',
  operationId: 'listNotices',
  summary:
    'The notices sent to the caller, newest first, with where their copy stands; `scope=all`: every notice (HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, scope: z._default(z.enum(['mine', 'all']), 'mine') }),
  responses: { 200: { description: 'A page', body: pageOf(NoticeSummary) } },
});

export const getNoticeRoute = defineRoute({
  method: 'GET',
  path: '/v1/notices/{id}',
  operationId: 'getNotice',
  summary:
    'One notice, for its recipients (their first read of a version is recorded) and HR (with its audience, delivery and versions)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The notice', body: NoticeView, headers: ['ETag'] } },
});

export const correctNoticeRoute = defineRoute({
  method: 'PUT',
  path: '/v1/notices/{id}',
  operationId: 'correctNotice',
  problems: ['notice_delivering', 'attachment_missing'],
  summary:
    'Correct a notice: a new version to the same people, who are asked again to read and acknowledge it (HR; recorded as evidence)',
  tag,
  auth: 'jwt',
  params: ById,
  body: NoticeCorrection.check(z.meta({ id: 'NoticeCorrection' })),
  requiresIfMatch: true,
  responses: {
    200: { description: 'The new version; its delivery follows', body: NoticeView, headers: ['ETag'] },
  },
});

export const acknowledgeNoticeRoute = defineRoute({
  method: 'POST',
  path: '/v1/notices/{id}/acknowledgement',
  operationId: 'acknowledgeNotice',
  problems: ['notice_version_changed', 'notice_no_acknowledgement'],
  summary:
    'Acknowledge the version read, by its contentHash (a recipient; recorded as evidence). Again changes nothing',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ contentHash: Hash }),
  responses: {
    200: {
      description: 'Where the caller’s copy stands',
      body: ReceiptState.check(z.meta({ id: 'NoticeReceiptState' })),
    },
  },
});

const Tally = z.object({
  recipients: z.int().check(z.gte(0)),
  read: z.int().check(z.gte(0)),
  acknowledged: z.int().check(z.gte(0)),
  readRate: Rate,
  acknowledgedRate: z.optional(Rate),
});

export const listNoticeReceiptsRoute = defineRoute({
  method: 'GET',
  path: '/v1/notices/{id}/receipts',
  operationId: 'listNoticeReceipts',
  summary:
    'Who has read and acknowledged the current version: totals, rates per department (as at publication) and each receipt (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  query: z.strictObject({
    ...PageQuery.shape,
    state: z.optional(z.enum(['unread', 'read', 'acknowledged', 'unacknowledged'])),
    departmentId: z.optional(DepartmentId),
  }),
  responses: {
    200: {
      description: 'The totals, and a page of receipts by employee id',
      body: z
        .object({
          notice: z.object({ id: NoticeId, version: z.int(), contentHash: Hash, status: NoticeStatus }),
          totals: Tally,
          byDepartment: z
            .array(z.object({ departmentId: DepartmentId, ...Tally.shape }))
            .check(z.maxLength(10_000)),
          items: z
            .array(
              z.object({
                employeeId: EmployeeId,
                name: upTo(100),
                departmentId: DepartmentId,
                deliveredAt: Timestamp,
                remindedAt: z.optional(Timestamp),
                ...ReceiptState.shape,
              }),
            )
            .check(z.maxLength(maxPageSize)),
          nextCursor: pageOf(z.unknown()).shape.nextCursor,
        })
        .check(z.meta({ id: 'NoticeReceipts' })),
    },
  },
});

export const noticeRoutes = [
  uploadNoticeAttachmentRoute,
  publishNoticeRoute,
  listNoticesRoute,
  getNoticeRoute,
  correctNoticeRoute,
  acknowledgeNoticeRoute,
  listNoticeReceiptsRoute,
] as const;
