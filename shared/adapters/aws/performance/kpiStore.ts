import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { Kpi, kpiKeys, ReviewTemplate, reviewTemplateKeys } from '#domain/performance/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { KpiStore, ReviewTemplateStore } from '#ports/performance/index.ts';

const stale = () => new StaleVersionError();
const kpiOf = (item: Item) => Kpi.parse(item);
const templateOf = (item: Item) => ReviewTemplate.parse(item);

export function makeKpiStore(table: HrTable): KpiStore {
  return {
    async get(id) {
      const item = await table.get(kpiKeys.item(id));
      return item ? kpiOf(item) : undefined;
    },
    async getMany(ids) {
      const items = await table.getMany(ids.map((id) => kpiKeys.item(id)));
      return new Map(items.map((item) => [String(item.id), kpiOf(item)]));
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: kpiKeys.all }, page);
      return { ...result, items: result.items.map(kpiOf) };
    },
    create(kpi) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...kpiKeys.item(kpi.id),
              type: 'Kpi',
              gsi1pk: kpiKeys.all,
              gsi1sk: `${kpi.createdAt}#${kpi.id}`,
              ...kpi,
            },
            { expression: 'attribute_not_exists(pk)', explain: stale },
          )
          .build().writes,
      );
    },
  };
}

export function makeReviewTemplateStore(table: HrTable): ReviewTemplateStore {
  return {
    async current(id) {
      const item = await table.get(reviewTemplateKeys.current(id), true);
      return item ? templateOf(item) : undefined;
    },
    async version(id, version) {
      const item = await table.get(reviewTemplateKeys.version(id, version));
      return item ? templateOf(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: reviewTemplateKeys.all }, page);
      return { ...result, items: result.items.map(templateOf) };
    },
    save(after) {
      const change = new ChangeBuilder(table.tableName);
      change.put(
        { ...reviewTemplateKeys.version(after.id, after.version), type: 'ReviewTemplateVersion', ...after },
        { expression: 'attribute_not_exists(pk)', explain: stale },
      );
      change.put(
        {
          ...reviewTemplateKeys.current(after.id),
          type: 'ReviewTemplate',
          gsi1pk: reviewTemplateKeys.all,
          gsi1sk: after.id,
          ...after,
        },
        after.version === 1
          ? { expression: 'attribute_not_exists(pk)', explain: stale }
          : { expression: 'version = :before', values: { ':before': after.version - 1 }, explain: stale },
      );
      return table.commitIf(change.build().writes);
    },
  };
}
