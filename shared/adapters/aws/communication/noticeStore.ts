import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { audienceChunkSize, Notice, NoticeReceipt, noticeKeys } from '#domain/communication/notice.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { NoticeStore } from '#ports/communication/noticeStore.ts';

const noticeOf = (item: Item) => Notice.parse(item);
const receiptOf = (item: Item) => NoticeReceipt.parse(item);

/** The sparse index: while a version is delivered, then while its reminder is due. */
function gsi2Of(n: Pick<Notice, 'id' | 'status' | 'publishedAt' | 'remindOn'>) {
  if (n.status === 'delivering') return { gsi2pk: noticeKeys.delivering, gsi2sk: `${n.publishedAt}#${n.id}` };
  return n.remindOn ? { gsi2pk: noticeKeys.reminders, gsi2sk: `${n.remindOn}#${n.id}` } : {};
}

function noticeItem(n: Notice) {
  return {
    ...noticeKeys.item(n.id),
    type: 'Notice',
    gsi1pk: noticeKeys.all,
    gsi1sk: noticeKeys.order(n),
    ...gsi2Of(n),
    ...n,
  };
}

/** A compact frozen list: [employeeId, departmentId] pairs. */
type StoredRecipients = [string, string][];

/** True when a conditional single write found its condition false. */
const rejected = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export function makeNoticeStore(dynamo: DynamoDBDocumentClient, table: HrTable): NoticeStore {
  /** An update of the notice item on a condition; false when the condition does not hold. */
  const updateNotice = async (
    id: string,
    expression: string,
    condition: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
  ) => {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: noticeKeys.item(id),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (rejected(error)) return false;
      throw error;
    }
  };

  return {
    async get(id, options = {}) {
      const item = await table.get(noticeKeys.item(id), options.consistent ?? false);
      return item ? noticeOf(item) : undefined;
    },
    async getMany(ids) {
      const items = await table.getMany(ids.map(noticeKeys.item));
      return new Map(items.map((item) => [String(item.id), noticeOf(item)]));
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: noticeKeys.all, forward: false }, page);
      return { ...result, items: result.items.map(noticeOf) };
    },
    async receiptsOf(employeeId, page) {
      const result = await table.page(
        { index: 'gsi1', partition: noticeKeys.of(employeeId), forward: false },
        page,
      );
      return { ...result, items: result.items.map(receiptOf) };
    },
    async receipts(noticeId, page) {
      const result = await table.page(
        { partition: noticeKeys.partition(noticeId), sortPrefix: noticeKeys.receiptPrefix },
        page,
      );
      return { ...result, items: result.items.map(receiptOf) };
    },
    async receipt(noticeId, employeeId) {
      const item = await table.get(noticeKeys.receipt(noticeId, employeeId), true);
      return item ? receiptOf(item) : undefined;
    },
    async audience(noticeId) {
      const chunks = await table.all({
        partition: noticeKeys.partition(noticeId),
        sortPrefix: noticeKeys.audiencePrefix,
        consistent: true,
      });
      return chunks.flatMap((chunk) =>
        (chunk.recipients as StoredRecipients).map(([employeeId, departmentId]) => ({
          employeeId,
          departmentId,
        })),
      );
    },

    prepareCreate(notice, recipients) {
      const change = new ChangeBuilder(table.tableName);
      change.put(noticeItem(notice), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('notice_exists', `Notice ${notice.id} exists.`),
      });
      for (let chunk = 0; chunk * audienceChunkSize < recipients.length; chunk++) {
        const part = recipients.slice(chunk * audienceChunkSize, (chunk + 1) * audienceChunkSize);
        change.put({
          ...noticeKeys.audience(notice.id, chunk),
          type: 'NoticeAudience',
          recipients: part.map((r) => [r.employeeId, r.departmentId]) satisfies StoredRecipients,
        });
      }
      return change.build();
    },

    prepareCorrection(before, after) {
      const change = new ChangeBuilder(table.tableName);
      change.put(noticeItem(after), {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      return change.build();
    },

    async deliver(notice, from, recipients, at) {
      const change = new ChangeBuilder(table.tableName);
      for (const r of recipients) {
        // A receipt that exists (a correction goes to the same people) keeps what its reader did.
        change.update(
          noticeKeys.receipt(notice.id, r.employeeId),
          {
            expression:
              'SET #type = :type, noticeId = :id, employeeId = :employee, departmentId = :department, ' +
              'gsi1pk = :of, gsi1sk = :order, deliveredAt = if_not_exists(deliveredAt, :at)',
            values: {
              ':type': 'NoticeReceipt',
              ':id': notice.id,
              ':employee': r.employeeId,
              ':department': r.departmentId,
              ':of': noticeKeys.of(r.employeeId),
              ':order': noticeKeys.order(notice),
              ':at': at,
            },
            names: { '#type': 'type' },
          },
          () => new Error('A receipt update has no condition'),
        );
      }
      change.update(
        noticeKeys.item(notice.id),
        {
          expression: 'SET delivered = :to',
          condition: 'version = :version AND delivered = :from',
          values: { ':to': from + recipients.length, ':version': notice.version, ':from': from },
        },
        () => new StaleVersionError(),
      );
      return table.commitIf(change.build().writes);
    },

    markTold: (notice, from, to) =>
      updateNotice(notice.id, 'SET told = :to', 'version = :version AND told = :from', {
        ':to': to,
        ':version': notice.version,
        ':from': from,
      }),

    markDelivered(notice) {
      const next = gsi2Of({ ...notice, status: 'delivered' });
      return updateNotice(
        notice.id,
        next.gsi2pk
          ? 'SET #status = :delivered, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk'
          : 'SET #status = :delivered REMOVE gsi2pk, gsi2sk',
        'version = :version',
        {
          ':delivered': 'delivered',
          ':version': notice.version,
          ...(next.gsi2pk ? { ':gsi2pk': next.gsi2pk, ':gsi2sk': next.gsi2sk } : {}),
        },
        { '#status': 'status' },
      );
    },

    async markRead(receipt, version, at) {
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: noticeKeys.receipt(receipt.noticeId, receipt.employeeId),
            UpdateExpression: 'SET readVersion = :version, readAt = :at',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(readVersion) OR readVersion < :version)',
            ExpressionAttributeValues: { ':version': version, ':at': at },
          }),
        );
      } catch (error) {
        if (!rejected(error)) throw error;
      }
    },

    prepareAcknowledgement(receipt, after) {
      const change = new ChangeBuilder(table.tableName);
      const key = noticeKeys.receipt(receipt.noticeId, receipt.employeeId);
      change.update(
        key,
        {
          expression:
            'SET acknowledgedAt = :at, acknowledgedVersion = :version, acknowledgedHash = :hash, ' +
            'readAt = if_not_exists(readAt, :at), readVersion = :version',
          condition:
            'attribute_exists(pk) AND (attribute_not_exists(acknowledgedVersion) OR acknowledgedVersion < :version)',
          values: {
            ':at': after.acknowledgedAt,
            ':version': after.acknowledgedVersion,
            ':hash': after.acknowledgedHash,
          },
        },
        () => new ConflictError('notice_acknowledged', 'This version is acknowledged already.'),
      );
      return change.build();
    },

    async delivering(page) {
      const result = await table.page({ index: 'gsi2', partition: noticeKeys.delivering }, page);
      return { ...result, items: result.items.map(noticeOf) };
    },

    async remindersDue(day, page) {
      const result = await table.page(
        { index: 'gsi2', partition: noticeKeys.reminders, sortBetween: ['0', `${day}#~`] },
        page,
      );
      return { ...result, items: result.items.map(noticeOf) };
    },

    async markReceiptReminded(receipt, at) {
      await dynamo.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: noticeKeys.receipt(receipt.noticeId, receipt.employeeId),
          UpdateExpression: 'SET remindedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },

    markReminded: (notice, at) =>
      updateNotice(notice.id, 'SET remindedAt = :at REMOVE remindOn, gsi2pk, gsi2sk', 'version = :version', {
        ':at': at,
        ':version': notice.version,
      }),
  };
}
