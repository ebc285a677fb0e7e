import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { type Resignation, resignationKeys } from '#domain/offboarding/resignation.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { ResignationStore } from '#ports/offboarding/resignationStore.ts';

const recordOf = (item: Item): Resignation => {
  const { pk: _p, sk: _s, type: _t, ...resignation } = item;
  return resignation as unknown as Resignation;
};

export function makeResignationStore(table: HrTable): ResignationStore {
  const itemOf = (r: Resignation) => ({
    ...resignationKeys.item(r.employeeId, r.id),
    type: 'Resignation',
    ...r,
  });
  return {
    async latest(employeeId) {
      const page = await table.page(
        {
          partition: resignationKeys.item(employeeId, '').pk,
          sortPrefix: resignationKeys.prefix,
          forward: false,
          consistent: true,
        },
        { limit: 1 },
      );
      const [item] = page.items;
      return item ? recordOf(item) : undefined;
    },
    async get(employeeId, id) {
      const item = await table.get(resignationKeys.item(employeeId, id), true);
      return item ? recordOf(item) : undefined;
    },
    async listOpen(page) {
      const result = await table.page({ partition: resignationKeys.openPartition }, page);
      return { ...result, items: result.items.map((i) => ({ employeeId: String(i.employeeId) })) };
    },
    prepareCreate(resignation) {
      return new ChangeBuilder(table.tableName)
        .put(itemOf({ ...resignation, revision: 1 }), {
          expression: 'attribute_not_exists(pk)',
          explain: () => new StaleVersionError(),
        })
        .put(
          {
            ...resignationKeys.open(resignation.employeeId),
            type: 'OpenResignation',
            employeeId: resignation.employeeId,
            resignationId: resignation.id,
          },
          {
            expression: 'attribute_not_exists(pk)',
            explain: () =>
              new ConflictError(
                'resignation_open',
                `${resignation.employeeId} already has an open resignation.`,
              ),
          },
        )
        .build();
    },
    prepareUpdate(before, after) {
      // Resignations stored before revisions were counted are compared by their version.
      const condition =
        before.revision === undefined
          ? { expression: 'attribute_not_exists(revision) AND version = :expected', expected: before.version }
          : { expression: 'revision = :expected', expected: before.revision };
      const change = new ChangeBuilder(table.tableName).put(
        itemOf({ ...after, revision: (before.revision ?? 0) + 1 }),
        {
          expression: condition.expression,
          values: { ':expected': condition.expected },
          explain: () => new StaleVersionError(),
        },
      );
      if (before.status === 'open' && after.status !== 'open')
        change.delete(resignationKeys.open(after.employeeId));
      return change.build();
    },
  };
}
