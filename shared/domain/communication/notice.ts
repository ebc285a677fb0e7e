import { createHash } from 'node:crypto';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import { DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { Role } from '#kernel/principal.ts';
import * as z from '#kernel/zod.ts';

/** NT + the UTC time to the second + random hex: NT20261201090000a1b2c3d4. */
export const NoticeId = z
  .string()
  .check(z.regex(/^NT\d{14}[0-9a-f]{8}$/, 'A notice id looks like NT20261201090000a1b2c3d4'));
export const noticeId = (at: Date, random: string) =>
  `NT${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

/** An uploaded file waiting to be attached: 32 hex characters. */
export const AttachmentId = z
  .string()
  .check(z.regex(/^[0-9a-f]{32}$/, 'An attachment id is the 32 hex characters the upload link gave'));

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const NoticeTitle = z.strictObject({ 'zh-CN': text(200), en: text(200) });
export const NoticeBody = z.strictObject({ 'zh-CN': text(20_000), en: text(20_000) });

/** Who a notice goes to: the union of what is named. Resolved to people once, when it is published. */
export const NoticeAudience = z
  .strictObject({
    everyone: z.optional(z.literal(true).check(z.describe('Every current employee'))),
    employeeIds: z.optional(z.array(EmployeeId).check(z.minLength(1), z.maxLength(1000))),
    departments: z.optional(
      z
        .array(
          z.strictObject({
            id: DepartmentId,
            includeSubdepartments: z._default(z.boolean(), true),
          }),
        )
        .check(z.minLength(1), z.maxLength(100)),
    ),
    roles: z.optional(z.array(Role).check(z.minLength(1), z.maxLength(6))),
  })
  .check(
    z.refine((a) => Boolean(a.everyone || a.employeeIds || a.departments || a.roles), {
      message: 'Name everyone, people, departments or roles',
      path: ['everyone'],
    }),
  );
export type NoticeAudience = z.infer<typeof NoticeAudience>;

/** A file of a notice, as published: what the reader downloads and the hash their acknowledgement covers. */
export const NoticeAttachment = z.object({
  id: AttachmentId,
  name: text(200),
  contentType: text(100),
  size: z.int().check(z.gte(1)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type NoticeAttachment = z.infer<typeof NoticeAttachment>;

/** An attachment as the publisher names it: the upload, its file name and its type. */
export const AttachmentInput = z.strictObject({
  id: AttachmentId,
  name: text(200),
  contentType: z._default(text(100), 'application/pdf'),
});

/** What a version of a notice says: the text a reader acknowledges, with its files. */
export const NoticeContent = z.strictObject({
  title: NoticeTitle,
  body: NoticeBody,
  attachments: z._default(z.array(AttachmentInput).check(z.maxLength(10)), []),
});

export const NewNotice = z.strictObject({
  ...NoticeContent.shape,
  audience: NoticeAudience,
  requiresAcknowledgement: z._default(z.boolean(), false),
  /** Those who have not acknowledged are reminded once, this many days after a version goes out. */
  reminderAfterDays: z.optional(z.int().check(z.gte(1), z.lte(60))),
});
export type NewNotice = z.infer<typeof NewNotice>;

/** A correction: the new text (and files), and why; everyone is asked again. */
export const NoticeCorrection = z.strictObject({
  ...NoticeContent.shape,
  reason: text(500),
});
export type NoticeCorrection = z.infer<typeof NoticeCorrection>;

export const NoticeStatus = z.enum(['delivering', 'delivered']);

/** A notice keeps its versions in its item: corrected this often, it is time for a new notice. */
export const maxNoticeVersions = 50;

export const NoticeVersion = z.object({
  version: z.int().check(z.positive()),
  contentHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  publishedAt: Timestamp,
  publishedBy: EmployeeId,
  reason: z.optional(text(500)),
});

/**
 * A notice from HR, straight to each person. Its audience is resolved to people when it is first
 * published and frozen in its recipient lists; a correction is a new version to the same people.
 * Items (table Hr):
 *   pk = NOTICE#<id>  sk = NOTICE                 gsi1pk = NOTICES  gsi1sk = <firstPublishedAt>#<id>
 *                                 while delivered: gsi2pk = NOTICEDELIVERING  gsi2sk = <publishedAt>#<id>
 *                                 then, while due: gsi2pk = NOTICEREMINDERS   gsi2sk = <remindOn>#<id>
 *   pk = NOTICE#<id>  sk = AUDIENCE#<nnnn>        (the frozen recipients, 1,000 to an item)
 *   pk = NOTICE#<id>  sk = RECEIPT#<employeeId>   gsi1pk = NOTICESOF#<employeeId>  gsi1sk = <firstPublishedAt>#<id>
 * Access patterns: one (GetItem); all, newest first (Query gsi1); a person's (Query gsi1); its receipts
 * (Query); those being delivered, and the reminders due by a day (Query gsi2).
 */
export const Notice = z.object({
  id: NoticeId,
  version: z.int().check(z.positive()),
  title: NoticeTitle,
  body: NoticeBody,
  attachments: z.array(NoticeAttachment).check(z.maxLength(10)),
  contentHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  audience: NoticeAudience,
  requiresAcknowledgement: z.boolean(),
  reminderAfterDays: z.optional(z.int().check(z.gte(1), z.lte(60))),
  recipients: z.int().check(z.gte(0)),
  status: NoticeStatus,
  /** Delivery's progress in the current version: receipts written, people told. */
  delivered: z.int().check(z.gte(0)),
  told: z.int().check(z.gte(0)),
  versions: z.array(NoticeVersion).check(z.maxLength(maxNoticeVersions)),
  firstPublishedAt: Timestamp,
  publishedAt: Timestamp,
  publishedBy: EmployeeId,
  /** The day (company zone) those who have not acknowledged this version are reminded; gone once done. */
  remindOn: z.optional(z.iso.date()),
  remindedAt: z.optional(Timestamp),
});
export type Notice = z.infer<typeof Notice>;

/** One recipient's copy: when they read and acknowledged which version. */
export const NoticeReceipt = z.object({
  noticeId: NoticeId,
  employeeId: EmployeeId,
  /** Their department when the notice was published (rates per department). */
  departmentId: DepartmentId,
  deliveredAt: Timestamp,
  readAt: z.optional(Timestamp),
  readVersion: z.optional(z.int().check(z.positive())),
  acknowledgedAt: z.optional(Timestamp),
  acknowledgedVersion: z.optional(z.int().check(z.positive())),
  acknowledgedHash: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  remindedAt: z.optional(Timestamp),
});
export type NoticeReceipt = z.infer<typeof NoticeReceipt>;

export interface Recipient {
  employeeId: string;
  departmentId: string;
}

/**
 * The hash a reader acknowledges: the notice, its version and exactly what it said, files by their
 * bytes' hash. Recomputing it from the stored version gives the same value.
 */
export function noticeContentHash(content: {
  id: string;
  version: number;
  title: Notice['title'];
  body: Notice['body'];
  attachments: readonly Pick<NoticeAttachment, 'name' | 'contentType' | 'sha256'>[];
}): string {
  const { id, version, title, body } = content;
  const attachments = content.attachments.map(({ name, contentType, sha256 }) => ({
    name,
    contentType,
    sha256,
  }));
  return createHash('sha256').update(canonicalJson({ id, version, title, body, attachments })).digest('hex');
}

/** Where a receipt stands for the notice's current version. */
export function receiptState(receipt: NoticeReceipt, version: number) {
  return {
    read: (receipt.readVersion ?? 0) >= version,
    acknowledged: receipt.acknowledgedVersion === version,
  };
}

/** Recipients are frozen 1,000 to an item (well under DynamoDB's 400 KB). */
export const audienceChunkSize = 1000;
/** A transaction's 100 items, less the notice's own update. */
export const receiptsPerTransaction = 99;
/** The largest audience a notice may have: its frozen lists and the notice fit one transaction. */
export const largestAudience = 99 * audienceChunkSize;

export const noticeKeys = {
  item: (id: string) => ({ pk: `NOTICE#${id}`, sk: 'NOTICE' }),
  partition: (id: string) => `NOTICE#${id}`,
  all: 'NOTICES',
  reminders: 'NOTICEREMINDERS',
  delivering: 'NOTICEDELIVERING',
  audience: (id: string, chunk: number) => ({
    pk: `NOTICE#${id}`,
    sk: `AUDIENCE#${String(chunk).padStart(4, '0')}`,
  }),
  audiencePrefix: 'AUDIENCE#',
  receipt: (id: string, employeeId: string) => ({ pk: `NOTICE#${id}`, sk: `RECEIPT#${employeeId}` }),
  receiptPrefix: 'RECEIPT#',
  of: (employeeId: string) => `NOTICESOF#${employeeId}`,
  order: (n: Pick<Notice, 'firstPublishedAt' | 'id'>) => `${n.firstPublishedAt}#${n.id}`,
};

/** The key of a WeCom card's acknowledge button: the notice and the hash of the version it showed. */
export const acknowledgementKey = (noticeId: string, contentHash: string) => `ack:${noticeId}:${contentHash}`;
export function parseAcknowledgementKey(key: string): { noticeId: string; contentHash: string } | undefined {
  const match = /^ack:(NT\d{14}[0-9a-f]{8}):([0-9a-f]{64})$/.exec(key);
  return match ? { noticeId: match[1] as string, contentHash: match[2] as string } : undefined;
}
