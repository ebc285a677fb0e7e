import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { type BackupRecord, backupId, backupKeys } from '#domain/backups/backup.ts';
import type { BackupRecords } from '#ports/backups/backupRecords.ts';

const recordOf = ({ pk: _p, sk: _s, type: _t, ...record }: Item) => record as unknown as BackupRecord;

/** Backup records in the Hr table, newest first by id (ids sort by time). */
export function makeBackupRecords(dynamo: DynamoDBDocumentClient, table: HrTable): BackupRecords {
  return {
    async nextId(at) {
      // A counter of its own (outside the records' partition): ids of one second sort by it.
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: backupKeys.counter,
          UpdateExpression: 'SET #type = :type ADD #n :one',
          ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'BackupCounter' },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return backupId(at, ((Attributes?.n as number) % 0x1_0000_0000).toString(16).padStart(8, '0'));
    },
    async put(record) {
      await dynamo.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...backupKeys.record(record.backupId), type: 'Backup', ...record },
        }),
      );
    },
    async claim(record, staleBefore) {
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { ...backupKeys.record(record.backupId), type: 'Backup', ...record },
            ConditionExpression:
              'attribute_not_exists(pk) OR #status IN (:requested, :failed) OR (#status = :running AND startedAt < :stale)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':requested': 'requested',
              ':failed': 'failed',
              ':running': 'running',
              ':stale': staleBefore.toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
    async get(backupId) {
      const item = await table.get(backupKeys.record(backupId), true);
      return item ? recordOf(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ partition: backupKeys.partition, forward: false }, page);
      return { ...result, items: result.items.map(recordOf) };
    },
  };
}
