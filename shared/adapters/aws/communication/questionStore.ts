import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { FaqEntry, faqKeys } from '#domain/communication/faq.ts';
import { Question, QuestionMessage, questionKeys } from '#domain/communication/question.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { QuestionStore } from '#ports/communication/questionStore.ts';

const questionOf = (item: Item) => Question.parse(item);
const messageOf = (item: Item) => QuestionMessage.parse(item);

const itemOf = (q: Question) => ({
  ...questionKeys.item(q.id),
  type: 'Question',
  gsi1pk: questionKeys.of(q.askerId),
  gsi1sk: questionKeys.order(q),
  gsi2pk: questionKeys.all,
  gsi2sk: questionKeys.order(q),
  ...q,
});

export function makeQuestionStore(table: HrTable): QuestionStore {
  const commit = (change: ChangeBuilder) => table.commitIf(change.build().writes);
  return {
    async get(id) {
      const item = await table.get(questionKeys.item(id), true);
      return item ? questionOf(item) : undefined;
    },
    async listOf(askerId, page) {
      const result = await table.page(
        { index: 'gsi1', partition: questionKeys.of(askerId), forward: false },
        page,
      );
      return { ...result, items: result.items.map(questionOf) };
    },
    async list(page) {
      const result = await table.page({ index: 'gsi2', partition: questionKeys.all, forward: false }, page);
      return { ...result, items: result.items.map(questionOf) };
    },
    async messages(id) {
      const items = await table.all({
        partition: questionKeys.partition(id),
        sortPrefix: questionKeys.messagePrefix,
        consistent: true,
      });
      return items.map(messageOf);
    },
    create(question, first) {
      const change = new ChangeBuilder(table.tableName);
      change.put(itemOf(question), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new StaleVersionError(),
      });
      change.put({ ...questionKeys.message(question.id, first.seq), type: 'QuestionMessage', ...first });
      return commit(change);
    },
    update(before, after, message) {
      const change = new ChangeBuilder(table.tableName);
      change.put(itemOf(after), {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      if (message)
        change.put(
          { ...questionKeys.message(after.id, message.seq), type: 'QuestionMessage', ...message },
          { expression: 'attribute_not_exists(pk)', explain: () => new StaleVersionError() },
        );
      return commit(change);
    },
    async faq() {
      const items = await table.all({ partition: faqKeys.partition, sortPrefix: faqKeys.prefix });
      return items.map((item) => FaqEntry.parse(item));
    },
    async publishFaq(entry) {
      await table.commit(
        new ChangeBuilder(table.tableName)
          .put(
            { ...faqKeys.entry(entry.id), type: 'FaqEntry', ...entry },
            { expression: 'attribute_not_exists(pk)', explain: () => new StaleVersionError() },
          )
          .build().writes,
      );
    },
  };
}
