import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ChainVerifier, type EvidenceEntry, evidenceChain, nextEntries } from '#domain/evidence/evidence.ts';
import type { Clock } from '#kernel/clock.ts';
import { WriteRejectedError } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/evidenceLog.ts';

const maxAttempts = 60;
/** DynamoDB's limit for one transaction. */
const maxTransactionItems = 100;

const isConditionFailure = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionConflictException');

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

function toEntry(item: Record<string, unknown>): EvidenceEntry {
  const { chain: _, ...entry } = item;
  return entry as unknown as EvidenceEntry;
}

/**
 * The evidence chain in DynamoDB. Appending reads the head, then puts the next sequence numbers on
 * the condition that they do not exist yet: two appenders can never both write entry n, so the
 * loser re-reads the head and tries again. Function roles hold PutItem on this table, never
 * UpdateItem or DeleteItem.
 */
export function makeEvidenceLog(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
): EvidenceLog {
  const head = async () => {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'chain = :chain',
        ExpressionAttributeValues: { ':chain': evidenceChain },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const latest = Items[0];
    return latest ? { seq: latest.seq as number, hash: latest.hash as string } : undefined;
  };

  const putOf = (entry: EvidenceEntry) => ({
    TableName: tableName,
    Item: { chain: evidenceChain, ...entry },
    ConditionExpression: 'attribute_not_exists(seq)',
  });

  return {
    head,
    async append(drafts, options = {}) {
      const alongside = options.alongside ?? [];
      if (drafts.length === 0) throw new Error('append needs at least one entry');
      if (drafts.length + alongside.length > maxTransactionItems) {
        throw new Error(`At most ${maxTransactionItems} entries and writes commit together`);
      }
      for (let attempt = 0; ; attempt++) {
        const entries = nextEntries(await head(), drafts, clock.now());
        try {
          const [only] = entries;
          if (only && entries.length === 1 && alongside.length === 0) {
            await dynamo.send(new PutCommand(putOf(only)));
          } else {
            const items = [
              ...entries.map((entry) => ({ Put: putOf(entry) })),
              ...alongside,
            ] as TransactWriteCommandInput['TransactItems'];
            await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
          }
          return entries;
        } catch (error) {
          if (error instanceof TransactionCanceledException) {
            const reasons = error.CancellationReasons ?? [];
            const rejected = reasons.findIndex(
              (r, i) => i >= entries.length && r.Code === 'ConditionalCheckFailed',
            );
            if (rejected >= 0) throw new WriteRejectedError(rejected - entries.length);
            const retryable = reasons.every((r) =>
              ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(r.Code ?? 'None'),
            );
            if (!retryable) throw error;
          } else if (!isConditionFailure(error)) {
            throw error;
          }
          // Someone else took these sequence numbers: read the new head and go again.
          if (attempt + 1 >= maxAttempts) throw new Error('The evidence chain is too busy; try again');
          await pause(attempt);
        }
      }
    },

    async find(filter, page) {
      // By subject or case through their index (with the time in the key); otherwise along the chain.
      const index =
        filter.subject !== undefined
          ? { name: 'bySubject', key: 'subject', value: filter.subject }
          : filter.caseId !== undefined
            ? { name: 'byCase', key: 'caseId', value: filter.caseId }
            : undefined;
      const conditions = [
        ...(index ? [] : ['#at BETWEEN :from AND :to']),
        ...(filter.action ? ['#action = :action'] : []),
        ...(index?.key === 'subject' && filter.caseId ? ['caseId = :case'] : []),
      ];
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          ...(index
            ? { IndexName: index.name, KeyConditionExpression: `#key = :key AND #at BETWEEN :from AND :to` }
            : { KeyConditionExpression: 'chain = :chain' }),
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: {
            '#at': 'at',
            ...(index ? { '#key': index.key } : {}),
            ...(filter.action ? { '#action': 'action' } : {}),
          },
          ExpressionAttributeValues: {
            ':from': filter.from ?? '0000',
            ':to': filter.to ?? '9999',
            ...(index ? { ':key': index.value } : { ':chain': evidenceChain }),
            ...(filter.action ? { ':action': filter.action } : {}),
            ...(index?.key === 'subject' && filter.caseId ? { ':case': filter.caseId } : {}),
          },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
        }),
      );
      return {
        items: (result.Items ?? []).map(toEntry),
        ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}),
      };
    },

    async verify() {
      const verifier = new ChainVerifier();
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'chain = :chain',
            ExpressionAttributeValues: { ':chain': evidenceChain },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        if (!verifier.feed((page.Items ?? []).map(toEntry))) break;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return verifier.result();
    },
  };
}
