import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type PreparedWrite, WriteRejectedError } from '#kernel/writes.ts';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** An item as its store hands it on: without the table's keys and type. */
export const withoutKeys = <T = Record<string, unknown>>({ pk: _p, sk: _s, type: _t, ...rest }: Item): T =>
  rest as T;

/** A query of one partition of the table or of a GSI. */
export interface PartitionQuery {
  index?: 'gsi1' | 'gsi2';
  partition: string;
  sortPrefix?: string;
  /** Sort keys from…to, inclusive (instead of a prefix). */
  sortBetween?: readonly [string, string];
  forward?: boolean;
  /** Strongly consistent; only on the table, not on an index. */
  consistent?: boolean;
  filter?: { expression: string; values: Record<string, unknown> };
}

/** The reads and writes every store of the Hr table needs, with DynamoDB's limits handled once. */
export function makeHrTable(dynamo: DynamoDBDocumentClient, tableName: string) {
  const table = {
    tableName,

    async get(key: Key, consistent = false): Promise<Item | undefined> {
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: consistent }),
      );
      return Item;
    },

    /**
     * BatchGetItem in chunks of 100, four at a time (a file of 50,000 rows is 500 of them), asking
     * again for what DynamoDB left unprocessed; `consistent` reads what was last written.
     */
    async getMany(keys: readonly Key[], consistent = false): Promise<Item[]> {
      const found: Item[] = [];
      const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
      const starts = Array.from({ length: Math.ceil(unique.length / 100) }, (_, n) => n * 100);
      const worker = async () => {
        for (let i = starts.shift(); i !== undefined; i = starts.shift()) {
          let pending: Key[] = unique.slice(i, i + 100);
          while (pending.length > 0) {
            const result = await dynamo.send(
              new BatchGetCommand({
                RequestItems: {
                  [tableName]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}) },
                },
              }),
            );
            found.push(...(result.Responses?.[tableName] ?? []));
            pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, starts.length) }, worker));
      return found;
    },

    /**
     * One page of one partition (of the table or a GSI), never more than `limit` items; a filter
     * may leave a page short (follow nextKey).
     */
    async page(query: PartitionQuery, page: PageRequest): Promise<PageResult<Item>> {
      const pk = query.index ? `${query.index}pk` : 'pk';
      const sk = query.index ? `${query.index}sk` : 'sk';
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          ...(query.index ? { IndexName: query.index } : {}),
          KeyConditionExpression: query.sortPrefix
            ? '#pk = :pk AND begins_with(#sk, :prefix)'
            : query.sortBetween
              ? '#pk = :pk AND #sk BETWEEN :from AND :to'
              : '#pk = :pk',
          ExpressionAttributeNames: {
            '#pk': pk,
            ...(query.sortPrefix || query.sortBetween ? { '#sk': sk } : {}),
          },
          ExpressionAttributeValues: {
            ':pk': query.partition,
            ...(query.sortPrefix ? { ':prefix': query.sortPrefix } : {}),
            ...(query.sortBetween ? { ':from': query.sortBetween[0], ':to': query.sortBetween[1] } : {}),
            ...query.filter?.values,
          },
          ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
          ScanIndexForward: query.forward ?? true,
          ...(query.consistent ? { ConsistentRead: true } : {}),
          Limit: page.limit,
          ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
        }),
      );
      return {
        items: result.Items ?? [],
        ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}),
      };
    },

    /** Every item of a query, page after page (for partitions that stay small: a case's items, templates). */
    async all(query: PartitionQuery): Promise<Item[]> {
      const items: Item[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.page(query, { limit: 100, ...(startKey ? { startKey } : {}) });
        items.push(...page.items);
        startKey = page.nextKey;
      } while (startKey);
      return items;
    },

    /**
     * Items written whole without conditions, 25 a BatchWriteItem, four at a time, sending again what
     * DynamoDB left unprocessed: for records a job recomputes (each one complete on its own, so a
     * crash between batches leaves only some of them not yet rewritten, and the next run rewrites all).
     */
    async putMany(items: readonly (Item & Key)[]): Promise<void> {
      const starts = Array.from({ length: Math.ceil(items.length / 25) }, (_, n) => n * 25);
      const worker = async () => {
        for (let i = starts.shift(); i !== undefined; i = starts.shift()) {
          let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
          for (let attempt = 0; pending.length > 0; attempt++) {
            if (attempt > 0)
              await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
            const result = await dynamo.send(
              new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
            );
            pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
            if (attempt > 8 && pending.length > 0)
              throw new Error(`${pending.length} items left unprocessed after retries`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, starts.length) }, worker));
    },

    /**
     * The BulkWrites port: prepared puts without conditions (an import's rows), written with putMany.
     */
    async putAll(writes: readonly PreparedWrite[]): Promise<void> {
      const items = writes.map((write) => {
        const put = write.Put as
          | { TableName?: string; Item?: Item & Key; ConditionExpression?: string }
          | undefined;
        if (
          !put?.Item ||
          put.TableName !== tableName ||
          put.ConditionExpression ||
          Object.keys(write).length !== 1
        )
          throw new Error('putAll takes puts to this table without conditions');
        return put.Item;
      });
      await table.putMany(items);
    },

    /** One transaction; false, with nothing written, when one of its conditions fails. */
    async commitIf(writes: readonly PreparedWrite[]): Promise<boolean> {
      try {
        await table.commit(writes);
        return true;
      } catch (error) {
        if (error instanceof WriteRejectedError) return false;
        throw error;
      }
    },

    /** The Writes port: one transaction; a failed condition becomes WriteRejectedError. */
    async commit(writes: readonly PreparedWrite[]): Promise<void> {
      if (writes.length === 0) return;
      try {
        await dynamo.send(new TransactWriteCommand({ TransactItems: writes as TransactItem[] }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const rejected = (error.CancellationReasons ?? []).findIndex(
            (r) => r.Code === 'ConditionalCheckFailed',
          );
          if (rejected >= 0) throw new WriteRejectedError(rejected);
        }
        throw error;
      }
    },
  };
  return table;
}

export type HrTable = ReturnType<typeof makeHrTable>;
