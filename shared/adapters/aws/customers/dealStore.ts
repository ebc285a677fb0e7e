import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { withoutKeys } from '#adapters/aws/platform/hrTable.ts';
import { checkEmployeesExist } from '#adapters/aws/platform/references.ts';
import { Deal, type DealChange, dealHistoryItem, dealItem, dealKeys } from '#domain/customers/deal.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { DealStore } from '#ports/customers/dealStore.ts';

const dealOf = (item: Item): Deal => Deal.parse(item);

/** The people a deal names, by the field that names them. */
const named = (deal: Deal, before?: Deal) =>
  [
    ...(deal.closedBy ? [['closedBy', deal.closedBy] as const] : []),
    ...deal.assistedBy.map((id, n) => [`assistedBy.${n}`, id] as const),
  ].filter(([, id]) => !before || (before.closedBy !== id && !before.assistedBy.includes(id)));

export function makeDealStore(table: HrTable): DealStore {
  return {
    async get(customerId, id, options = {}) {
      const item = await table.get(dealKeys.item({ customerId, id }), options.consistent);
      return item ? dealOf(item) : undefined;
    },

    async list(customerId, page) {
      const result = await table.page(
        { partition: dealKeys.partition(customerId), sortPrefix: dealKeys.prefix, forward: false },
        page,
      );
      return { ...result, items: result.items.map(dealOf) };
    },

    async all(customerId) {
      const items = await table.all({
        partition: dealKeys.partition(customerId),
        sortPrefix: dealKeys.prefix,
      });
      return items.map(dealOf);
    },

    async closedBy(employeeId, from, to, page) {
      const result = await table.page(
        {
          index: 'gsi1',
          partition: dealKeys.byCloser(employeeId),
          sortBetween: [`${from}#`, `${to}#~`],
          forward: false,
        },
        page,
      );
      return { ...result, items: result.items.map(dealOf) };
    },

    async history(customerId, id, page) {
      const result = await table.page(
        { partition: dealKeys.partition(customerId), sortPrefix: dealKeys.historyPrefix(id), forward: false },
        page,
      );
      return { ...result, items: result.items.map((item) => withoutKeys<DealChange>(item)) };
    },

    prepareCreate(deal, change, options = {}) {
      const builder = new ChangeBuilder(table.tableName);
      builder.put(dealItem(deal), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('deal_exists', `Deal ${deal.id} exists.`),
      });
      builder.put(dealHistoryItem(change), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new StaleVersionError(),
      });
      if (!options.peopleChecked) checkEmployeesExist(builder, named(deal));
      return builder.build();
    },

    prepareUpdate(before, after, change) {
      const builder = new ChangeBuilder(table.tableName);
      builder.put(dealItem(after), {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      builder.put(dealHistoryItem(change), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new StaleVersionError(),
      });
      checkEmployeesExist(builder, named(after, before));
      return builder.build();
    },
  };
}
