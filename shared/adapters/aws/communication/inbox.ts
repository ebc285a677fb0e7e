import { createHash, randomBytes } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import {
  inboxPartition,
  type Notification,
  notificationId,
  notificationSortKey,
} from '#domain/communication/notification.ts';
import type { Clock } from '#kernel/clock.ts';
import type { InboxStore, Notifier } from '#ports/communication/notifier.ts';

const refusedByCondition = (error: unknown) =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (r) => r.Code === 'ConditionalCheckFailed',
  );

/** The in-app inbox in the Hr table: the notifier writes notifications, the API reads and marks them. */
export function makeInbox(
  dynamo: DynamoDBDocumentClient,
  table: HrTable,
  clock: Clock,
): Notifier & InboxStore {
  return {
    async notify(drafts) {
      const now = clock.now();
      const at = now.toISOString();
      const writes = drafts.map(({ to, notification, dedupeKey }) => {
        const id = notificationId(now, randomBytes(4).toString('hex'));
        const put = {
          TableName: table.tableName,
          Item: {
            pk: inboxPartition(to),
            sk: notificationSortKey(id),
            type: 'Notification',
            id,
            at,
            ...notification,
          },
        };
        // A marker per key and inbox, written with it (stored names from when these were "notices"):
        // a second sending finds the marker and stops.
        const marker = dedupeKey
          ? {
              Put: {
                TableName: table.tableName,
                Item: {
                  pk: `NOTICEKEY#${createHash('sha256').update(dedupeKey).digest('hex')}`,
                  sk: inboxPartition(to),
                  type: 'NoticeKey',
                  noticeId: id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            }
          : undefined;
        return { put, marker };
      });
      const fresh: boolean[] = [];
      const one = async ({ put, marker }: (typeof writes)[number]) => {
        if (!marker) {
          await dynamo.send(new PutCommand(put));
          return true;
        }
        try {
          await dynamo.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, marker] }));
          return true;
        } catch (error) {
          if (refusedByCondition(error)) return false;
          throw error;
        }
      };
      // 50 notifications with their markers to a transaction; if one was sent before, each on its own.
      for (let from = 0; from < writes.length; from += 50) {
        const chunk = writes.slice(from, from + 50);
        if (chunk.length === 1) {
          fresh.push(await one(chunk[0] as (typeof writes)[number]));
          continue;
        }
        try {
          await dynamo.send(
            new TransactWriteCommand({
              TransactItems: chunk.flatMap(({ put, marker }) => [{ Put: put }, ...(marker ? [marker] : [])]),
            }),
          );
          fresh.push(...chunk.map(() => true));
        } catch (error) {
          if (!refusedByCondition(error)) throw error;
          for (const write of chunk) fresh.push(await one(write));
        }
      }
      return fresh;
    },
    async list(inbox, page) {
      const result = await table.page(
        { partition: inboxPartition(inbox), sortPrefix: 'NOTE#', forward: false },
        page,
      );
      return {
        ...result,
        items: result.items.map(({ pk: _p, sk: _s, type: _t, ...entry }) => entry as unknown as Notification),
      };
    },
    async markRead(inbox, id, at) {
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: { pk: inboxPartition(inbox), sk: notificationSortKey(id) },
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
