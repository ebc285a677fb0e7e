import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import {
  type AssetSnapshot,
  caseKeys,
  HandoverItemBase,
  listsOf,
  OffboardingCase,
} from '#domain/offboarding/case.ts';
import { type OffboardingTemplate, templateKeys } from '#domain/offboarding/template.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { CaseStore } from '#ports/offboarding/caseStore.ts';

const strip = <T = Record<string, unknown>>({ pk: _p, sk: _s, type: _t, ...rest }: Item): T => rest as T;

async function all(table: HrTable, query: Parameters<HrTable['page']>[0]): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.page(query, { limit: 100, ...(startKey ? { startKey } : {}) });
    items.push(...page.items);
    startKey = page.nextKey;
  } while (startKey);
  return items;
}

export function makeCaseStore(dynamo: DynamoDBDocumentClient, table: HrTable): CaseStore {
  const caseItem = (c: OffboardingCase) => ({ ...caseKeys.item(c.id), type: 'OffboardingCase', ...c });
  const handoverItem = (caseId: string, item: HandoverItemBase) => ({
    ...caseKeys.handoverItem(caseId, item.node, item.id),
    type: 'HandoverItem',
    ...item,
  });
  const listEntry = (list: ReturnType<typeof listsOf>[number], c: OffboardingCase) => ({
    ...caseKeys.list(list, c),
    type: 'CaseListEntry',
    caseId: c.id,
  });

  return {
    async get(caseId) {
      const item = await table.get(caseKeys.item(caseId), true);
      return item ? OffboardingCase.parse(strip(item)) : undefined;
    },
    async items(caseId, node) {
      const items = await all(table, {
        partition: caseKeys.partition(caseId),
        sortPrefix: caseKeys.itemPrefix(node),
        consistent: true,
      });
      return items.map((i) => HandoverItemBase.parse(strip(i)));
    },
    async getItem(caseId, node, itemId) {
      const item = await table.get(caseKeys.handoverItem(caseId, node, itemId), true);
      return item ? HandoverItemBase.parse(strip(item)) : undefined;
    },
    async list(list, page) {
      const entries = await table.page({ partition: caseKeys.listPartition(list), forward: false }, page);
      const cases = await table.getMany(entries.items.map((e) => caseKeys.item(String(e.caseId))));
      const byId = new Map(cases.map((c) => [String(c.id), OffboardingCase.parse(strip(c))]));
      return {
        items: entries.items.flatMap((e) => byId.get(String(e.caseId)) ?? []),
        ...(entries.nextKey ? { nextKey: entries.nextKey } : {}),
      };
    },
    async putItemsIfAbsent(caseId, items) {
      const queue = [...items];
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          await dynamo
            .send(
              new PutCommand({
                TableName: table.tableName,
                Item: handoverItem(caseId, item),
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            )
            .catch((error: Error) => {
              if (error.name !== 'ConditionalCheckFailedException') throw error;
            });
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    },
    prepareCreate(c) {
      const change = new ChangeBuilder(table.tableName).put(caseItem(c), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('case_exists', `Case ${c.id} exists.`),
      });
      for (const list of listsOf(c)) change.put(listEntry(list, c));
      return change.build();
    },
    prepareUpdate(before, after) {
      const change = new ChangeBuilder(table.tableName).put(caseItem(after), {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      const was = listsOf(before);
      const is = listsOf(after);
      for (const list of was) if (!is.includes(list)) change.delete(caseKeys.list(list, before));
      for (const list of is) if (!was.includes(list)) change.put(listEntry(list, after));
      return change.build();
    },
    prepareItemUpdate(caseId, before, after) {
      return new ChangeBuilder(table.tableName)
        .put(handoverItem(caseId, after), {
          expression: 'version = :expected',
          values: { ':expected': before.version },
          explain: () => new StaleVersionError(),
        })
        .build();
    },
    prepareItemCreate(caseId, item) {
      return new ChangeBuilder(table.tableName)
        .put(handoverItem(caseId, item), {
          expression: 'attribute_not_exists(pk)',
          explain: () => new ConflictError('item_exists', `${item.node} item ${item.id} exists.`),
        })
        .build();
    },
    async assetsOf(employeeId) {
      const items = await all(table, {
        partition: caseKeys.asset(employeeId, '').pk,
        sortPrefix: caseKeys.assetPrefix,
      });
      return items
        .map((i) => strip<AssetSnapshot & { employeeId?: string }>(i))
        .map(({ employeeId: _e, ...a }) => a);
    },
    async putAsset(employeeId, asset) {
      await dynamo.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...caseKeys.asset(employeeId, asset.id), type: 'Asset', employeeId, ...asset },
        }),
      );
    },
    async storedTemplates() {
      const items = await all(table, { partition: templateKeys.partition, sortPrefix: 'TEMPLATE#' });
      return items.map((i) => strip<OffboardingTemplate & { version: number }>(i));
    },
    async putTemplate(template, expectedVersion) {
      const version = (expectedVersion ?? 0) + 1;
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { ...templateKeys.item(template.id), type: 'OffboardingTemplate', ...template, version },
            ConditionExpression:
              expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :expected',
            ...(expectedVersion === undefined
              ? {}
              : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') throw new StaleVersionError();
        throw error;
      }
      return version;
    },
  };
}
