import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import { type HrTable, withoutKeys } from '#adapters/aws/platform/hrTable.ts';
import {
  type AssetSnapshot,
  caseKeys,
  HandoverItemBase,
  listsOf,
  OffboardingCase,
} from '#domain/offboarding/case.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { CaseStore } from '#ports/offboarding/caseStore.ts';

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
      return item ? OffboardingCase.parse(withoutKeys(item)) : undefined;
    },
    async items(caseId, node) {
      const items = await table.all({
        partition: caseKeys.partition(caseId),
        sortPrefix: caseKeys.itemPrefix(node),
        consistent: true,
      });
      return items.map((i) => HandoverItemBase.parse(withoutKeys(i)));
    },
    async getItem(caseId, node, itemId) {
      const item = await table.get(caseKeys.handoverItem(caseId, node, itemId), true);
      return item ? HandoverItemBase.parse(withoutKeys(item)) : undefined;
    },
    async list(list, page) {
      const entries = await table.page({ partition: caseKeys.listPartition(list), forward: false }, page);
      const cases = await table.getMany(entries.items.map((e) => caseKeys.item(String(e.caseId))));
      const byId = new Map(cases.map((c) => [String(c.id), OffboardingCase.parse(withoutKeys(c))]));
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
    prepareStatement(caseId, sha256, statement) {
      return new ChangeBuilder(table.tableName)
        .put({ ...caseKeys.statement(caseId, sha256), type: 'SignedStatement', sha256, statement })
        .build();
    },
    async statements(caseId) {
      const [stored, items] = await Promise.all(
        [caseKeys.statementPrefix, caseKeys.itemPrefix()].map((sortPrefix) =>
          table.all({ partition: caseKeys.partition(caseId), sortPrefix, consistent: true }),
        ),
      );
      // Items signed before statements were stored apart carry theirs inline.
      const inline = (items ?? []).flatMap((i) => {
        const signature = i.signature as { statementSha256?: string; statement?: unknown } | undefined;
        return signature?.statement && signature.statementSha256
          ? [[signature.statementSha256, signature.statement as Record<string, unknown>] as const]
          : [];
      });
      return new Map([
        ...inline,
        ...(stored ?? []).map((i) => [String(i.sha256), i.statement as Record<string, unknown>] as const),
      ]);
    },
    async statement(caseId, sha256) {
      const item = await table.get(caseKeys.statement(caseId, sha256), true);
      return item?.statement as Record<string, unknown> | undefined;
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
      const items = await table.all({
        partition: caseKeys.asset(employeeId, '').pk,
        sortPrefix: caseKeys.assetPrefix,
      });
      return items
        .map((i) => withoutKeys<AssetSnapshot & { employeeId?: string }>(i))
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
  };
}
