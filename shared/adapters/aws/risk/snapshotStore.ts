import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import { type HrTable, withoutKeys } from '#adapters/aws/platform/hrTable.ts';
import { type RiskSnapshot, snapshotKeys } from '#domain/risk/snapshot.ts';
import { ConflictError } from '#kernel/errors.ts';
import type { SnapshotStore } from '#ports/risk/snapshotStore.ts';

export function makeSnapshotStore(table: HrTable): SnapshotStore {
  return {
    async list(departmentId, page, before) {
      const result = await table.page(
        {
          partition: snapshotKeys.partition(departmentId),
          ...(before ? { sortBetween: ['0000-00-00', before] as const } : {}),
          forward: false,
        },
        page,
      );
      const items = result.items.map((item) => withoutKeys<RiskSnapshot>(item));
      return { ...result, items: before ? items.filter((s) => s.asOf < before) : items };
    },
    async get(departmentId, asOf) {
      const item = await table.get(snapshotKeys.item(departmentId, asOf));
      return item ? withoutKeys<RiskSnapshot>(item) : undefined;
    },
    prepareCreate(snapshot) {
      const change = new ChangeBuilder(table.tableName);
      change.put(
        { ...snapshotKeys.item(snapshot.departmentId, snapshot.asOf), type: 'RiskSnapshot', ...snapshot },
        {
          expression: 'attribute_not_exists(pk)',
          explain: () => new ConflictError('snapshot_exists', `The snapshot of ${snapshot.asOf} exists.`),
        },
      );
      return change.build();
    },
  };
}
