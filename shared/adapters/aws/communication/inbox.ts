import { createHash, randomBytes } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { inboxPartition, type Notice, noticeId, noticeSortKey } from '#domain/communication/notification.ts';
import type { Clock } from '#kernel/clock.ts';
import type { InboxStore, Notifier } from '#ports/communication/notifier.ts';

/** The in-app inbox in the Hr table: the notifier writes notices, the API reads and marks them. */
export function makeInbox(
  dynamo: DynamoDBDocumentClient,
  table: HrTable,
  clock: Clock,
): Notifier & InboxStore {
  return {
    async notify(to, notice, options = {}) {
      const now = clock.now();
      const id = noticeId(now, randomBytes(4).toString('hex'));
      const put = {
        TableName: table.tableName,
        Item: {
          pk: inboxPartition(to),
          sk: noticeSortKey(id),
          type: 'Notice',
          id,
          at: now.toISOString(),
          ...notice,
        },
      };
      if (!options.dedupeKey) {
        await dynamo.send(new PutCommand(put));
        return true;
      }
      // A marker per key and inbox, written with the notice: a second sending finds it and stops.
      const marker = `NOTICEKEY#${createHash('sha256').update(options.dedupeKey).digest('hex')}`;
      try {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              {
                Put: {
                  TableName: table.tableName,
                  Item: { pk: marker, sk: inboxPartition(to), type: 'NoticeKey', noticeId: id },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
        throw error;
      }
    },
    async list(inbox, page) {
      const result = await table.page(
        { partition: inboxPartition(inbox), sortPrefix: 'NOTE#', forward: false },
        page,
      );
      return {
        ...result,
        items: result.items.map(({ pk: _p, sk: _s, type: _t, ...notice }) => notice as unknown as Notice),
      };
    },
    async markRead(inbox, id, at) {
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: { pk: inboxPartition(inbox), sk: noticeSortKey(id) },
            // Marking twice keeps the first time.
            UpdateExpression: 'SET readAt = if_not_exists(readAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
