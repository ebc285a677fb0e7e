import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { Conversation, ConversationMessage, conversationKeys } from '#domain/communication/conversation.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { ConversationStore } from '#ports/communication/conversationStore.ts';

const itemOf = (c: Conversation) => ({
  ...conversationKeys.item(c.id),
  type: 'Conversation',
  gsi1pk: conversationKeys.of(c.employeeId),
  gsi1sk: conversationKeys.order(c),
  gsi2pk: c.hrId ? conversationKeys.of(c.hrId) : conversationKeys.requests,
  gsi2sk: conversationKeys.order(c),
  ...c,
});

export function makeConversationStore(table: HrTable): ConversationStore {
  const commit = (change: ChangeBuilder) => table.commitIf(change.build().writes);
  const messageItem = (id: string, m: ConversationMessage) => ({
    ...conversationKeys.message(id, m.seq),
    type: 'ConversationMessage',
    ...m,
  });
  return {
    async get(id) {
      const item = await table.get(conversationKeys.item(id), true);
      return item ? Conversation.parse(item) : undefined;
    },
    async listOf(employeeId, side, page) {
      const result = await table.page(
        {
          index: side === 'employee' ? 'gsi1' : 'gsi2',
          partition: conversationKeys.of(employeeId),
          forward: false,
        },
        page,
      );
      return { ...result, items: result.items.map((i: Item) => Conversation.parse(i)) };
    },
    async requests(page) {
      const result = await table.page({ index: 'gsi2', partition: conversationKeys.requests }, page);
      return { ...result, items: result.items.map((i: Item) => Conversation.parse(i)) };
    },
    async messages(id) {
      const items = await table.all({
        partition: conversationKeys.partition(id),
        sortPrefix: conversationKeys.messagePrefix,
        consistent: true,
      });
      return items.map((i) => ConversationMessage.parse(i));
    },
    create(conversation, first) {
      const change = new ChangeBuilder(table.tableName);
      change.put(itemOf(conversation), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new StaleVersionError(),
      });
      change.put(messageItem(conversation.id, first));
      return commit(change);
    },
    update(before, after, message) {
      const change = new ChangeBuilder(table.tableName);
      change.put(itemOf(after), {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      change.put(messageItem(after.id, message), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new StaleVersionError(),
      });
      return commit(change);
    },
  };
}
