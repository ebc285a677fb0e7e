import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import {
  Customer,
  type CustomerChange,
  type CustomerRecord,
  type CustomerSummary,
  customerIndexItems,
  customerItem,
  customerKeys,
  customerSummary,
  EmbeddedDeal,
  historyItem,
} from '#domain/customers/customer.ts';
import { industryOf } from '#domain/customers/industries.ts';
import { employeeKeys } from '#domain/people/index.ts';
import { ConflictError, InvalidInputError, StaleVersionError } from '#kernel/errors.ts';
import * as z from '#kernel/zod.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import { firstKnowledge, followCustomer, knowledgeItem } from './knowledgeStore.ts';

/**
 * Records written before industries had codes hold a label ("能源 Energy"): read as its code (one the
 * catalogue does not know as `other`), and written back as the code on the next change.
 */
const industryCode = (item: Item) => industryOf(String(item.industry ?? '')) ?? 'other';

function recordOf(item: Item): CustomerRecord {
  return {
    ...Customer.parse({ ...item, industry: industryCode(item) }),
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    ...(item.deletedAt ? { deletedAt: item.deletedAt as string, deletedBy: item.deletedBy as string } : {}),
    ...(Array.isArray(item.deals) && item.deals.length > 0
      ? { legacyDeals: z.array(EmbeddedDeal).parse(item.deals) }
      : {}),
  };
}

/** Index items carry no owner (see customerIndexItems). */
const summaryOf = (item: Item): CustomerSummary => {
  const { ownerId, ...summary } = customerSummary({
    ...item,
    industry: industryCode(item),
  } as unknown as Customer);
  return (ownerId ? { ...summary, ownerId } : summary) as CustomerSummary;
};

export function makeCustomerStore(table: HrTable): CustomerStore {
  const ownerIsActive = (change: ChangeBuilder, ownerId: string) =>
    change.check(employeeKeys.item(ownerId), {
      expression: 'attribute_exists(pk) AND #status <> :left',
      names: { '#status': 'status' },
      values: { ':left': 'left' },
      explain: () =>
        new InvalidInputError(
          `Employee ${ownerId} cannot own customers.`,
          [{ field: 'ownerId', message: `${ownerId} is not a current employee` }],
          'invalid_owner',
        ),
    });
  const addHistory = (change: ChangeBuilder, entry: CustomerChange) =>
    change.put(historyItem(entry), {
      expression: 'attribute_not_exists(pk)',
      explain: () => new StaleVersionError(),
    });

  return {
    async get(id, options = {}) {
      const item = await table.get(customerKeys.item(id), options.consistent);
      return item ? recordOf(item) : undefined;
    },

    async getMany(ids) {
      const items = await table.getMany(ids.map((id) => customerKeys.item(id)));
      return new Map(items.map((item) => [item.id as string, recordOf(item)]));
    },

    async listByOwner(ownerId, options, page) {
      const result = await table.page(
        {
          index: 'gsi1',
          partition: customerKeys.byOwner(ownerId),
          ...(options.keyAccounts ? {} : { sortPrefix: 'standard#' }),
        },
        page,
      );
      return { ...result, items: result.items.map(summaryOf) };
    },

    async listBy(kind, value, options, page) {
      const result = await table.page(
        {
          partition: customerKeys.index(kind, value),
          ...(options.keyAccounts
            ? {}
            : { filter: { expression: 'tier <> :key', values: { ':key': 'key' } } }),
        },
        page,
      );
      return { ...result, items: result.items.map(summaryOf) };
    },

    async firstOwner(id) {
      const first = await table.get(customerKeys.history(id, 1));
      const owner = (first?.changes as CustomerChange['changes'] | undefined)?.ownerId?.to;
      return typeof owner === 'string' ? owner : undefined;
    },

    async history(id, page) {
      const result = await table.page(
        { partition: customerKeys.item(id).pk, sortPrefix: customerKeys.historyPrefix, forward: false },
        page,
      );
      return {
        ...result,
        items: result.items.map(
          ({ pk: _p, sk: _s, type: _t, ...change }) => change as unknown as CustomerChange,
        ),
      };
    },

    prepareCreate(customer, change, knowledge = firstKnowledge(customer)) {
      const builder = new ChangeBuilder(table.tableName);
      builder.put(knowledgeItem(knowledge), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('customer_exists', `Customer ${customer.id} already exists.`),
      });
      builder.put(customerItem({ ...customer, version: 1, createdAt: change.at, updatedAt: change.at }), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('customer_exists', `Customer ${customer.id} already exists.`),
      });
      for (const item of customerIndexItems(customer)) builder.put(item);
      addHistory(builder, change);
      ownerIsActive(builder, customer.ownerId);
      return builder.build();
    },

    prepareImport(batch) {
      const builder = new ChangeBuilder(table.tableName);
      for (const { customer, change } of batch) {
        builder.put(customerItem({ ...customer, version: 1, createdAt: change.at, updatedAt: change.at }), {
          expression: 'attribute_not_exists(pk)',
          explain: () => new ConflictError('customer_exists', `Customer ${customer.id} already exists.`),
        });
        for (const item of customerIndexItems(customer)) builder.put(item);
        builder.put(knowledgeItem(firstKnowledge(customer)));
        addHistory(builder, change);
      }
      // One item appears once in a transaction: each owner is checked once.
      for (const ownerId of new Set(batch.map((b) => b.customer.ownerId))) ownerIsActive(builder, ownerId);
      return builder.build();
    },

    prepareOwnerCheck(ownerId) {
      const builder = new ChangeBuilder(table.tableName);
      ownerIsActive(builder, ownerId);
      return builder.build();
    },

    prepareNextVersion(before, after, change, options = {}) {
      const builder = new ChangeBuilder(table.tableName);
      builder.put(customerItem(after), {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      const indexed = (record: CustomerRecord) => (record.deletedAt ? [] : customerIndexItems(record));
      const [was, will] = [indexed(before), indexed(after)];
      const same = (a: Item, b: Item) => a.pk === b.pk && a.sk === b.sk;
      for (const old of was) if (!will.some((n) => same(n, old))) builder.delete(old);
      for (const item of will) {
        const current = was.find((o) => same(o, item));
        if (!current || JSON.stringify(current) !== JSON.stringify(item)) builder.put(item);
      }
      addHistory(builder, change);
      const followed = ['ownerId', 'name', 'tier', 'deletedAt'] as const;
      if (followed.some((field) => before[field] !== after[field])) followCustomer(builder, after);
      if (after.ownerId !== before.ownerId && !options.ownerChecked) ownerIsActive(builder, after.ownerId);
      return builder.build();
    },
  };
}
