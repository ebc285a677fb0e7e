import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import type { CustomerRecord, Tier } from '#domain/customers/customer.ts';
import { type CustomerKnowledge, emptyActivity, knowledgeKeys } from '#domain/customers/knowledge.ts';

export { firstKnowledge } from '#domain/customers/knowledge.ts';

import { StaleVersionError } from '#kernel/errors.ts';
import type { KnowledgeStore } from '#ports/customers/knowledgeStore.ts';

/**
 * The activity is one string attribute, JSON deflated and in base64: a team's picture is read in a few
 * pages, not unmarshalled map by map, and backups copy it like any string (a record of before may hold
 * plain JSON).
 */
const activityFrom = (stored: unknown) =>
  typeof stored !== 'string'
    ? undefined
    : stored.startsWith('{')
      ? JSON.parse(stored)
      : JSON.parse(inflateRawSync(Buffer.from(stored, 'base64')).toString('utf8'));

function knowledgeOf(item: Item): CustomerKnowledge {
  return {
    customerId: item.customerId as string,
    name: (item.name as string) ?? '',
    tier: (item.tier as Tier) ?? 'standard',
    ownerId: item.ownerId as string,
    ...(item.firstOwnerId ? { firstOwnerId: item.firstOwnerId as string } : {}),
    deleted: item.deleted === true,
    ...(item.activity !== undefined ? { activity: activityFrom(item.activity) } : {}),
    version: (item.version as number) ?? 0,
  };
}

export const knowledgeItem = (k: CustomerKnowledge) => ({
  ...knowledgeKeys.item(k.customerId),
  ...(k.deleted ? {} : { gsi1pk: knowledgeKeys.byOwner(k.ownerId), gsi1sk: k.customerId }),
  type: 'CustomerKnowledge',
  ...k,
  activity: deflateRawSync(JSON.stringify(k.activity ?? emptyActivity())).toString('base64'),
});

/** Adds the update that keeps a customer's knowledge record in step with its new version. */
export function followCustomer(change: ChangeBuilder, customer: CustomerRecord) {
  const live = !customer.deletedAt;
  change.update(
    knowledgeKeys.item(customer.id),
    {
      expression: [
        'SET #type = :type, customerId = :id, #name = :name, tier = :tier, ownerId = :owner, deleted = :deleted',
        live ? ', gsi1pk = :byOwner, gsi1sk = :id' : '',
        ' ADD version :one',
        live ? '' : ' REMOVE gsi1pk, gsi1sk',
      ].join(''),
      names: { '#type': 'type', '#name': 'name' },
      values: {
        ':type': 'CustomerKnowledge',
        ':id': customer.id,
        ':name': customer.name,
        ':tier': customer.tier,
        ':owner': customer.ownerId,
        ':deleted': !live,
        ':one': 1,
        ...(live ? { ':byOwner': knowledgeKeys.byOwner(customer.ownerId) } : {}),
      },
    },
    () => new StaleVersionError(),
  );
}

export function makeKnowledgeStore(table: HrTable): KnowledgeStore {
  return {
    async get(customerId, options = {}) {
      const item = await table.get(knowledgeKeys.item(customerId), options.consistent);
      return item ? knowledgeOf(item) : undefined;
    },

    async getMany(customerIds) {
      const items = await table.getMany(customerIds.map((id) => knowledgeKeys.item(id)));
      return new Map(items.map((item) => [item.customerId as string, knowledgeOf(item)]));
    },

    async listByOwner(ownerId) {
      const items = await table.all({ index: 'gsi1', partition: knowledgeKeys.byOwner(ownerId) });
      return items.map(knowledgeOf);
    },

    prepareSave(before, after) {
      const change = new ChangeBuilder(table.tableName);
      change.put(
        knowledgeItem(after),
        before
          ? {
              expression: 'version = :expected',
              values: { ':expected': before.version },
              explain: () => new StaleVersionError(),
            }
          : { expression: 'attribute_not_exists(pk)', explain: () => new StaleVersionError() },
      );
      return change.build();
    },

    prepareFollow(customer) {
      const change = new ChangeBuilder(table.tableName);
      followCustomer(change, customer);
      return change.build();
    },
  };
}
