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
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { WriteRejectedError } from '#kernel/writes.ts';
import type { EvidenceFilter, EvidenceLog } from '#ports/evidence/evidenceLog.ts';

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

  /**
   * By subject or case, through their index, newest first. The index's sort key is the time, and
   * entries of one instant come back in no particular order: the page is ordered by time and then
   * sequence, an instant is never split between pages, and the cursor is the last entry's position.
   */
  const findIndexed = async (
    index: { name: string; key: string; value: string },
    filter: EvidenceFilter,
    page: PageRequest,
  ): Promise<PageResult<EvidenceEntry>> => {
    const after = page.startKey as { at?: string; seq?: number } | undefined;
    const to = after?.at && after.at < (filter.to ?? '9999') ? after.at : (filter.to ?? '9999');
    const conditions = [
      ...(filter.action ? ['#action = :action'] : []),
      ...(index.key === 'subject' && filter.caseId ? ['caseId = :case'] : []),
    ];
    const entries: EvidenceEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    let complete = true;
    do {
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index.name,
          KeyConditionExpression: '#key = :key AND #at BETWEEN :from AND :to',
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: {
            '#at': 'at',
            '#key': index.key,
            ...(filter.action ? { '#action': 'action' } : {}),
          },
          ExpressionAttributeValues: {
            ':from': filter.from ?? '0000',
            ':to': to,
            ':key': index.value,
            ...(filter.action ? { ':action': filter.action } : {}),
            ...(index.key === 'subject' && filter.caseId ? { ':case': filter.caseId } : {}),
          },
          ScanIndexForward: false,
          Limit: page.limit + 1,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const entry of (result.Items ?? []).map(toEntry))
        if (!after?.at || entry.at < after.at || (entry.at === after.at && entry.seq < (after.seq ?? 0)))
          entries.push(entry);
      startKey = result.LastEvaluatedKey;
      // Enough for a page once the instant of its last entry is complete (an older one follows).
      const last = entries[page.limit - 1];
      const next = entries[page.limit];
      if (last && next && next.at !== last.at) {
        complete = false;
        break;
      }
    } while (startKey);
    entries.sort((a, b) => (a.at === b.at ? b.seq - a.seq : a.at < b.at ? 1 : -1));
    const shown = entries.slice(0, page.limit);
    const last = shown.at(-1);
    const more = !complete || startKey !== undefined || entries.length > page.limit;
    return { items: shown, ...(more && last ? { nextKey: { at: last.at, seq: last.seq } } : {}) };
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
      const index =
        filter.subject !== undefined
          ? { name: 'bySubject', key: 'subject', value: filter.subject }
          : filter.caseId !== undefined
            ? { name: 'byCase', key: 'caseId', value: filter.caseId }
            : undefined;
      if (index) return findIndexed(index, filter, page);
      // Along the chain: its key is the sequence, so newest first is by sequence already.
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'chain = :chain',
          FilterExpression: [
            '#at BETWEEN :from AND :to',
            ...(filter.action ? ['#action = :action'] : []),
          ].join(' AND '),
          ExpressionAttributeNames: { '#at': 'at', ...(filter.action ? { '#action': 'action' } : {}) },
          ExpressionAttributeValues: {
            ':from': filter.from ?? '0000',
            ':to': filter.to ?? '9999',
            ':chain': evidenceChain,
            ...(filter.action ? { ':action': filter.action } : {}),
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
