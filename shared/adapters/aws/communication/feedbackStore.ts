import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { Feedback, FeedbackMessage, feedbackKeys } from '#domain/communication/feedback.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { FeedbackStore } from '#ports/communication/feedbackStore.ts';

const feedbackOf = ({ pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...rest }: Item) =>
  Feedback.parse(rest);
const messageOf = ({ pk: _p, sk: _s, type: _t, ...rest }: Item) => FeedbackMessage.parse(rest);

/** The stored item of a feedback record (the benchmark writes them as the store does). */
export const feedbackItem = (f: Feedback) => ({
  ...feedbackKeys.item(f.id),
  type: 'Feedback',
  gsi1pk: feedbackKeys.all,
  gsi1sk: `${f.day}#${f.id}`,
  ...f,
});

/** Nothing but keys and what the schemas hold: no request, caller or time beyond the day. */
export function makeFeedbackStore(dynamo: DynamoDBDocumentClient, table: HrTable): FeedbackStore {
  const commit = (change: ChangeBuilder) => table.commitIf(change.build().writes);
  return {
    async countIssued(epoch, employeeId, n, limit) {
      try {
        const result = await dynamo.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: feedbackKeys.issued(epoch, employeeId),
            UpdateExpression: 'SET #type = :type ADD issued :n',
            ConditionExpression: 'attribute_not_exists(issued) OR issued <= :room',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'FeedbackIssuance', ':n': n, ':room': limit - n },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return Number(result.Attributes?.issued ?? n);
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
        throw error;
      }
    },
    async issued(epoch, employeeId) {
      const item = await table.get(feedbackKeys.issued(epoch, employeeId), true);
      return Number(item?.issued ?? 0);
    },
    create(item, first, receiptHash, tokenHash) {
      const change = new ChangeBuilder(table.tableName);
      change.put(feedbackKeys.token(tokenHash), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new Error('The token was spent'),
      });
      change.put(feedbackItem(item), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new Error('Taken'),
      });
      change.put({ ...feedbackKeys.message(item.id, first.seq), type: 'FeedbackMessage', ...first });
      change.put({ ...feedbackKeys.receipt(receiptHash), type: 'FeedbackReceipt', feedbackId: item.id });
      return commit(change);
    },
    async get(id) {
      const item = await table.get(feedbackKeys.item(id), true);
      return item ? feedbackOf(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: feedbackKeys.all, forward: false }, page);
      return { ...result, items: result.items.map(feedbackOf) };
    },
    async byReceipt(receiptHash) {
      const receipt = await table.get(feedbackKeys.receipt(receiptHash), true);
      if (!receipt) return undefined;
      const item = await table.get(feedbackKeys.item(String(receipt.feedbackId)), true);
      return item ? feedbackOf(item) : undefined;
    },
    async messages(id) {
      const items = await table.all({
        partition: feedbackKeys.partition(id),
        sortPrefix: feedbackKeys.messagePrefix,
        consistent: true,
      });
      return items.map(messageOf);
    },
    addMessage(before, message) {
      const change = new ChangeBuilder(table.tableName);
      change.update(
        feedbackKeys.item(before.id),
        {
          expression: 'SET messages = :after',
          condition: 'messages = :before',
          values: { ':after': message.seq, ':before': before.messages },
        },
        () => new StaleVersionError(),
      );
      change.put({ ...feedbackKeys.message(before.id, message.seq), type: 'FeedbackMessage', ...message });
      return commit(change);
    },
    update(before, after) {
      // Only what HR changes: a reply arriving meanwhile keeps its count.
      const change = new ChangeBuilder(table.tableName);
      change.update(
        feedbackKeys.item(before.id),
        {
          expression: after.outcome
            ? 'SET #status = :status, outcome = :outcome, version = :next'
            : 'SET #status = :status, version = :next REMOVE outcome',
          condition: 'version = :expected',
          names: { '#status': 'status' },
          values: {
            ':status': after.status,
            ':next': after.version,
            ':expected': before.version,
            ...(after.outcome ? { ':outcome': after.outcome } : {}),
          },
        },
        () => new StaleVersionError(),
      );
      return commit(change);
    },
    async spent(tokenHash) {
      return (await table.get(feedbackKeys.token(tokenHash), true)) !== undefined;
    },
  };
}
