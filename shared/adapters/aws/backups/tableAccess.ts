import {
  type AttributeValue,
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { RawItem, TableAccess } from '#ports/backups/backupStorage.ts';

type Item = Record<string, AttributeValue>;

/** Whole tables through the low-level client: items stay in DynamoDB JSON, exactly as stored. */
export function makeTableAccess(client: DynamoDBClient): TableAccess {
  return {
    async scan(table, options, onPage) {
      const segment = async (index: number) => {
        let startKey: Item | undefined;
        do {
          const page = await client.send(
            new ScanCommand({
              TableName: table,
              Segment: index,
              TotalSegments: options.segments,
              ConsistentRead: true,
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
              ...(options.filter
                ? {
                    FilterExpression: options.filter.expression,
                    ExpressionAttributeNames: options.filter.names,
                    ExpressionAttributeValues: options.filter.values as Item,
                  }
                : {}),
            }),
          );
          await onPage((page.Items ?? []) as RawItem[]);
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      };
      await Promise.all(Array.from({ length: options.segments }, (_, i) => segment(i)));
    },
    async writeBatch(table, items) {
      const chunks: WriteRequest[][] = [];
      for (let start = 0; start < items.length; start += 25)
        chunks.push(items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item as Item } })));
      // A few BatchWriteItem calls in flight; unprocessed items are retried with backoff (throttling).
      const writeChunks = async () => {
        for (let requests = chunks.shift(); requests; requests = chunks.shift()) {
          for (let attempt = 0; requests.length > 0; attempt++) {
            if (attempt > 0)
              await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
            const result: BatchWriteItemCommandOutput = await client.send(
              new BatchWriteItemCommand({ RequestItems: { [table]: requests } }),
            );
            requests = result.UnprocessedItems?.[table] ?? [];
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, writeChunks));
    },
    async putNew(table, items, keyAttribute) {
      const queue = [...items];
      const putEach = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          try {
            await client.send(
              new PutItemCommand({
                TableName: table,
                Item: item as Item,
                ConditionExpression: 'attribute_not_exists(#key)',
                ExpressionAttributeNames: { '#key': keyAttribute },
              }),
            );
          } catch (error) {
            if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, putEach));
    },
    async isEmpty(table) {
      const page = await client.send(new ScanCommand({ TableName: table, Limit: 1 }));
      return (page.Items ?? []).length === 0;
    },
  };
}
