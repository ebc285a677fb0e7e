import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import {
  Department,
  type DepartmentRecord,
  departmentItem,
  departmentKeys,
} from '#domain/people/department.ts';
import { employeeKeys } from '#domain/people/employee.ts';
import { ConflictError, InvalidInputError, StaleVersionError } from '#kernel/errors.ts';
import type { DepartmentStore } from '#ports/people/departmentStore.ts';

const recordOf = (item: Item): DepartmentRecord => ({
  ...Department.parse(item),
  version: item.version as number,
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
});

const missing = (field: string, what: string) => () =>
  new InvalidInputError(
    `${what} does not exist.`,
    [{ field, message: `${what} does not exist` }],
    'reference_not_found',
  );

export function makeDepartmentStore(table: HrTable): DepartmentStore {
  const references = (change: ChangeBuilder, department: Department, before?: Department) => {
    if (department.parentId && department.parentId !== before?.parentId) {
      change.check(departmentKeys.item(department.parentId), {
        expression: 'attribute_exists(pk)',
        explain: missing('parentId', `Department ${department.parentId}`),
      });
    }
    if (department.headId && department.headId !== before?.headId) {
      change.check(employeeKeys.item(department.headId), {
        expression: 'attribute_exists(pk)',
        explain: missing('headId', `Employee ${department.headId}`),
      });
    }
  };
  return {
    async get(id) {
      const item = await table.get(departmentKeys.item(id));
      return item ? recordOf(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: departmentKeys.all().gsi1pk }, page);
      return { ...result, items: result.items.map(recordOf) };
    },
    prepareCreate(department, at) {
      const change = new ChangeBuilder(table.tableName);
      change.put(departmentItem({ ...department, version: 1, createdAt: at, updatedAt: at }), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('department_exists', `Department ${department.id} already exists.`),
      });
      references(change, department);
      return change.build();
    },
    prepareUpdate(before, after, at) {
      const change = new ChangeBuilder(table.tableName);
      change.put(
        departmentItem({ ...after, version: before.version + 1, createdAt: before.createdAt, updatedAt: at }),
        {
          expression: 'version = :expected',
          values: { ':expected': before.version },
          explain: () => new StaleVersionError(),
        },
      );
      references(change, after, before);
      return change.build();
    },
  };
}
