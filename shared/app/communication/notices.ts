import { randomBytes } from 'node:crypto';
import {
  largestAudience,
  maxNoticeVersions,
  type NewNotice,
  type Notice,
  type NoticeCorrection,
  type NoticeReceipt,
  noticeContentHash,
  noticeId,
  noticePublished,
  receiptState,
} from '#domain/communication/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  isDomainError,
  NotFoundError,
  requireVersion,
} from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import { everyPage, type PageRequest, type PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { addDays, localDate } from '#kernel/time.ts';
import { committing } from '#kernel/writes.ts';
import type { NoticeStore } from '#ports/communication/index.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';
import { makeAttachments } from './attachments.ts';
import type { makeAudienceResolver } from './audience.ts';

export interface NoticeDeps {
  notices: NoticeStore;
  resolveAudience: ReturnType<typeof makeAudienceResolver>;
  employees: Pick<EmployeeStore, 'getMany'>;
  files: ObjectStore;
  evidence: EvidenceLog;
  bus: EventBus;
  clock: Clock;
  timeZone: string;
}

/** Those who have not acknowledged are reminded this many days after a version goes out, unless set. */
export const defaultReminderAfterDays = 3;

export const attachmentKeys = {
  upload: (id: string) => `notices/uploads/${id}`,
  /** Where a published version's file is kept: never overwritten, so the hash stays true. */
  published: (noticeId: string, version: number, id: string) => `notices/${noticeId}/v${version}/${id}`,
};

export type ReceiptFilter = 'unread' | 'read' | 'acknowledged' | 'unacknowledged';

/**
 * Notices from HR straight to each person. Publishing resolves the audience to people and freezes it,
 * with the notice, in one transaction; a delivery job then writes a receipt per person and tells them.
 * Each reader's first read of a version and their acknowledgement of it (with its hash, as evidence)
 * are kept on their receipt; HR reads the receipts, nobody else does.
 */
export function makeNotices(deps: NoticeDeps) {
  const { notices, files, evidence, bus, clock } = deps;

  const uploads = makeAttachments(files, clock, attachmentKeys.upload);
  const publishFiles = (id: string, version: number, inputs: NewNotice['attachments']) =>
    uploads.keep(inputs, (a) => attachmentKeys.published(id, version, a));

  const remindOn = (requiresAcknowledgement: boolean, reminderAfterDays: number | undefined, at: Date) =>
    requiresAcknowledgement
      ? { remindOn: addDays(localDate(at, deps.timeZone), reminderAfterDays ?? defaultReminderAfterDays) }
      : {};

  /** What a reader sees: the text, links to its files, and where their own receipt stands. */
  const readerView = async (notice: Notice, receipt: NoticeReceipt | undefined) => ({
    id: notice.id,
    version: notice.version,
    title: notice.title,
    body: notice.body,
    attachments: await uploads.withLinks(notice.attachments, (a) =>
      attachmentKeys.published(notice.id, notice.version, a),
    ),
    contentHash: notice.contentHash,
    requiresAcknowledgement: notice.requiresAcknowledgement,
    publishedAt: notice.publishedAt,
    firstPublishedAt: notice.firstPublishedAt,
    ...(receipt ? { receipt: receiptView(receipt, notice.version) } : {}),
  });

  const receiptView = (receipt: NoticeReceipt, version: number) => ({
    ...receiptState(receipt, version),
    ...(receipt.readAt ? { readAt: receipt.readAt } : {}),
    ...(receipt.acknowledgedAt
      ? {
          acknowledgedAt: receipt.acknowledgedAt,
          acknowledgedVersion: receipt.acknowledgedVersion,
          acknowledgedHash: receipt.acknowledgedHash,
        }
      : {}),
  });

  const mayPublish = (actor: Principal) => actor.permissions.has('notice:publish');

  return {
    /** A link to upload one file (PUT, that content type) for a notice about to be published. */
    async attachmentUpload(actor: Principal, contentType: string) {
      requirePermission(actor, 'notice:publish');
      return uploads.uploadLink(contentType);
    },

    async publish(actor: Principal, input: NewNotice): Promise<Notice> {
      requirePermission(actor, 'notice:publish');
      const recipients = await deps.resolveAudience(input.audience);
      if (recipients.length === 0)
        throw new InvalidInputError(
          'Nobody who works here now is in this audience.',
          [{ field: 'audience', message: 'Names nobody who works here now' }],
          'audience_empty',
        );
      if (recipients.length > largestAudience)
        throw new InvalidInputError(
          `A notice goes to at most ${largestAudience} people.`,
          [{ field: 'audience', message: `Names ${recipients.length} people` }],
          'audience_too_large',
        );
      const now = clock.now();
      const at = now.toISOString();
      const id = noticeId(now, randomBytes(4).toString('hex'));
      const attachments = await publishFiles(id, 1, input.attachments);
      const contentHash = noticeContentHash({
        id,
        version: 1,
        title: input.title,
        body: input.body,
        attachments,
      });
      const notice: Notice = {
        id,
        version: 1,
        title: input.title,
        body: input.body,
        attachments,
        contentHash,
        audience: input.audience,
        requiresAcknowledgement: input.requiresAcknowledgement,
        ...(input.requiresAcknowledgement
          ? { reminderAfterDays: input.reminderAfterDays ?? defaultReminderAfterDays }
          : {}),
        recipients: recipients.length,
        status: 'delivering',
        delivered: 0,
        told: 0,
        versions: [{ version: 1, contentHash, publishedAt: at, publishedBy: actor.employeeId }],
        firstPublishedAt: at,
        publishedAt: at,
        publishedBy: actor.employeeId,
        ...remindOn(input.requiresAcknowledgement, input.reminderAfterDays, now),
      };
      await committing(notices.prepareCreate(notice, recipients), (writes) =>
        evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'notice.published',
              subject: `notice:${id}`,
              details: { version: 1, contentHash, recipients: recipients.length, audience: input.audience },
            },
          ],
          { alongside: writes },
        ),
      );
      await bus.publish([eventOf(noticePublished, { noticeId: id, version: 1 })]);
      return notice;
    },

    /** A new version to the same people, who are asked again; only once the last one is delivered. */
    async correct(
      actor: Principal,
      id: string,
      correction: NoticeCorrection,
      expectedVersion: number | undefined,
    ): Promise<Notice> {
      requirePermission(actor, 'notice:publish');
      const before = await notices.get(id, { consistent: true });
      if (!before) throw new NotFoundError(`Notice ${id}`);
      requireVersion(before.version, expectedVersion);
      if (before.status !== 'delivered')
        throw new ConflictError('notice_delivering', `Notice ${id} is still being delivered.`);
      if (before.versions.length >= maxNoticeVersions)
        throw new InvalidInputError(
          `A notice keeps at most ${maxNoticeVersions} versions: publish a new one.`,
          [{ field: 'body', message: `Notice ${id} has ${maxNoticeVersions} versions` }],
        );
      const now = clock.now();
      const at = now.toISOString();
      const version = before.version + 1;
      const attachments = await publishFiles(id, version, correction.attachments);
      const contentHash = noticeContentHash({
        id,
        version,
        title: correction.title,
        body: correction.body,
        attachments,
      });
      const { remindOn: _r, remindedAt: _d, ...rest } = before;
      const after: Notice = {
        ...rest,
        version,
        title: correction.title,
        body: correction.body,
        attachments,
        contentHash,
        status: 'delivering',
        delivered: 0,
        told: 0,
        versions: [
          ...before.versions,
          { version, contentHash, publishedAt: at, publishedBy: actor.employeeId, reason: correction.reason },
        ],
        publishedAt: at,
        publishedBy: actor.employeeId,
        ...remindOn(before.requiresAcknowledgement, before.reminderAfterDays, now),
      };
      await committing(notices.prepareCorrection(before, after), (writes) =>
        evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'notice.corrected',
              subject: `notice:${id}`,
              reason: correction.reason,
              details: { version, contentHash, previousHash: before.contentHash },
            },
          ],
          { alongside: writes },
        ),
      );
      await bus.publish([eventOf(noticePublished, { noticeId: id, version })]);
      return after;
    },

    /** HR: every notice, newest first; anyone else (and HR with `mine`): the notices sent to them. */
    async list(actor: Principal, scope: 'mine' | 'all', page: PageRequest) {
      if (scope === 'all') {
        requirePermission(actor, 'notice:publish');
        const result = await notices.list(page);
        return { ...result, items: result.items.map(summaryOf) };
      }
      const receipts = await notices.receiptsOf(actor.employeeId, page);
      const found = await notices.getMany(receipts.items.map((r) => r.noticeId));
      return {
        ...receipts,
        items: receipts.items.flatMap((r) => {
          const n = found.get(r.noticeId);
          return n ? [{ ...summaryOf(n), receipt: receiptView(r, n.version) }] : [];
        }),
      };
    },

    /** A recipient reads it (their first read of a version is kept); HR reads it whole. */
    async read(actor: Principal, id: string) {
      const [notice, receipt] = await Promise.all([notices.get(id), notices.receipt(id, actor.employeeId)]);
      if (!notice || (!receipt && !mayPublish(actor))) throw new NotFoundError(`Notice ${id}`);
      let mine = receipt;
      if (receipt && !receiptState(receipt, notice.version).read) {
        const at = clock.now().toISOString();
        await notices.markRead(receipt, notice.version, at);
        mine = { ...receipt, readAt: at, readVersion: notice.version };
      }
      const view = await readerView(notice, mine);
      if (!mayPublish(actor)) return view;
      const {
        delivered,
        told,
        status,
        recipients,
        audience,
        versions,
        reminderAfterDays,
        remindOn,
        remindedAt,
      } = notice;
      return {
        ...view,
        audience,
        recipients,
        delivery: { status, receiptsWritten: delivered, told },
        versions,
        ...(reminderAfterDays ? { reminderAfterDays } : {}),
        ...(remindOn ? { remindOn } : {}),
        ...(remindedAt ? { remindedAt } : {}),
      };
    },

    /**
     * The reader acknowledges the version they saw, by its hash: kept on their receipt and as evidence.
     * Acknowledging it again changes nothing; a hash of an older version is refused.
     */
    async acknowledge(
      actor: Pick<Principal, 'employeeId'>,
      id: string,
      contentHash: string,
      via: 'api' | 'wecom' = 'api',
    ) {
      const [notice, receipt] = await Promise.all([
        notices.get(id, { consistent: true }),
        notices.receipt(id, actor.employeeId),
      ]);
      if (!notice || !receipt) throw new NotFoundError(`Notice ${id}`);
      if (!notice.requiresAcknowledgement)
        throw new ConflictError(
          'notice_no_acknowledgement',
          `Notice ${id} does not ask for acknowledgement.`,
        );
      if (contentHash !== notice.contentHash)
        throw new ConflictError(
          'notice_version_changed',
          `That is not the hash of version ${notice.version}, the notice's current one: read it again.`,
        );
      if (receipt.acknowledgedVersion === notice.version) return receiptView(receipt, notice.version);
      const at = clock.now().toISOString();
      const after: NoticeReceipt = {
        ...receipt,
        acknowledgedAt: at,
        acknowledgedVersion: notice.version,
        acknowledgedHash: contentHash,
        readAt: receipt.readAt ?? at,
        readVersion: notice.version,
      };
      try {
        await committing(notices.prepareAcknowledgement(receipt, after), (writes) =>
          evidence.append(
            [
              {
                actor: actor.employeeId,
                action: 'notice.acknowledged',
                subject: `employee:${actor.employeeId}`,
                details: { noticeId: id, version: notice.version, contentHash, via },
              },
            ],
            { alongside: writes },
          ),
        );
      } catch (error) {
        // Acknowledged at the same moment by another request of theirs: that one counts.
        if (!isDomainError(error) || error.code !== 'notice_acknowledged') throw error;
        const stored = await notices.receipt(id, actor.employeeId);
        return receiptView(stored ?? after, notice.version);
      }
      return receiptView(after, notice.version);
    },

    /**
     * HR: who has read and acknowledged the current version, in totals and per department (as each
     * person's department was at publication), and the receipts themselves, by employee id.
     */
    async receipts(
      actor: Principal,
      id: string,
      filter: { state?: ReceiptFilter | undefined; departmentId?: string | undefined },
      page: PageRequest,
    ) {
      requirePermission(actor, 'notice:publish');
      const notice = await notices.get(id);
      if (!notice) throw new NotFoundError(`Notice ${id}`);
      const all = await everyPage((p) => notices.receipts(id, p), 1000);
      const states = all.map((r) => ({ r, ...receiptState(r, notice.version) }));
      const tally = (of: typeof states) => {
        const read = of.filter((s) => s.read).length;
        const acknowledged = of.filter((s) => s.acknowledged).length;
        const rate = (n: number) => (of.length === 0 ? 0 : Math.round((n / of.length) * 1000) / 1000);
        return {
          recipients: of.length,
          read,
          acknowledged,
          readRate: rate(read),
          ...(notice.requiresAcknowledgement ? { acknowledgedRate: rate(acknowledged) } : {}),
        };
      };
      const departments = [...new Set(all.map((r) => r.departmentId))].sort();
      const matching = states.filter(
        (s) =>
          (!filter.departmentId || s.r.departmentId === filter.departmentId) &&
          (!filter.state ||
            (filter.state === 'unread' && !s.read) ||
            (filter.state === 'read' && s.read) ||
            (filter.state === 'acknowledged' && s.acknowledged) ||
            (filter.state === 'unacknowledged' && !s.acknowledged)),
      );
      const after = typeof page.startKey?.after === 'string' ? page.startKey.after : '';
      const slice = matching.filter((s) => s.r.employeeId > after).slice(0, page.limit);
      const last = slice.at(-1);
      const people = await deps.employees.getMany(slice.map((s) => s.r.employeeId));
      const result: PageResult<unknown> = {
        items: slice.map(({ r }) => ({
          employeeId: r.employeeId,
          name: people.get(r.employeeId)?.name ?? r.employeeId,
          departmentId: r.departmentId,
          deliveredAt: r.deliveredAt,
          ...receiptView(r, notice.version),
          ...(r.remindedAt ? { remindedAt: r.remindedAt } : {}),
        })),
        ...(last && matching.at(-1) !== last ? { nextKey: { after: last.r.employeeId } } : {}),
      };
      return {
        notice: { id, version: notice.version, contentHash: notice.contentHash, status: notice.status },
        totals: tally(states),
        byDepartment: departments.map((departmentId) => ({
          departmentId,
          ...tally(states.filter((s) => s.r.departmentId === departmentId)),
        })),
        ...result,
      };
    },
  };
}

/** A notice in a list: enough to pick it. */
function summaryOf(n: Notice) {
  return {
    id: n.id,
    version: n.version,
    title: n.title,
    requiresAcknowledgement: n.requiresAcknowledgement,
    attachments: n.attachments.length,
    recipients: n.recipients,
    status: n.status,
    firstPublishedAt: n.firstPublishedAt,
    publishedAt: n.publishedAt,
  };
}
