import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { departmentKeys } from '#domain/people/department.ts';
import {
  Employee,
  type EmployeeRecord,
  employeeKeys,
  indexItems,
  profileItem,
  summaryView,
} from '#domain/people/employee.ts';
import { ConflictError, InvalidInputError, StaleVersionError } from '#kernel/errors.ts';
import type { EmployeeStore, EmployeeSummary } from '#ports/people/employeeStore.ts';

const optionalFields = ['managerId', 'referrerId', 'lastWorkingDay'] as const;

function recordOf(item: Item): EmployeeRecord {
  return {
    ...Employee.parse(item),
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    directReports: (item.directReports as number | undefined) ?? 0,
  };
}

const summaryOf = (item: Item) => summaryView(item as unknown as Employee) as EmployeeSummary;

const missing = (field: string, what: string) => () =>
  new InvalidInputError(
    `${what} does not exist.`,
    [{ field, message: `${what} does not exist` }],
    'reference_not_found',
  );

const exists = { expression: 'attribute_exists(pk)' };

const lineChanged = () =>
  new ConflictError('reporting_line_changed', 'The reporting line changed meanwhile; read it again.');

export function makeEmployeeStore(table: HrTable): EmployeeStore {
  /** Adds a check that the referenced department / employee exists, unless the change already writes it. */
  const references = (change: ChangeBuilder, employee: Employee, before?: Employee) => {
    if (employee.departmentId !== before?.departmentId) {
      change.check(departmentKeys.item(employee.departmentId), {
        ...exists,
        explain: missing('departmentId', `Department ${employee.departmentId}`),
      });
    }
    const referrer = employee.referrerId;
    if (referrer && referrer !== before?.referrerId && !change.touches(employeeKeys.item(referrer))) {
      change.check(employeeKeys.item(referrer), {
        ...exists,
        explain: missing('referrerId', `Employee ${referrer}`),
      });
    }
  };

  /** One report more or fewer; the manager must exist (and, when guarded, still report to the same person). */
  const countReport = (
    change: ChangeBuilder,
    managerId: string,
    delta: 1 | -1,
    guard?: { managerOfManager?: string | undefined },
  ) => {
    const guarded = guard !== undefined;
    change.update(
      employeeKeys.item(managerId),
      {
        expression: 'ADD directReports :delta',
        condition: guarded
          ? guard.managerOfManager
            ? 'attribute_exists(pk) AND managerId = :above'
            : 'attribute_exists(pk) AND attribute_not_exists(managerId)'
          : 'attribute_exists(pk)',
        values: { ':delta': delta, ...(guard?.managerOfManager ? { ':above': guard.managerOfManager } : {}) },
      },
      guarded
        ? () =>
            new ConflictError(
              'reporting_line_changed',
              'The reporting line changed meanwhile; read it again.',
            )
        : missing('managerId', `Employee ${managerId}`),
    );
  };

  return {
    async get(id, options = {}) {
      const item = await table.get(employeeKeys.item(id), options.consistent);
      return item ? recordOf(item) : undefined;
    },

    async getMany(ids, options = {}) {
      const items = await table.getMany(
        ids.map((id) => employeeKeys.item(id)),
        options.consistent,
      );
      return new Map(items.map((item) => [item.id as string, recordOf(item)]));
    },

    async listByDepartment(departmentId, page) {
      const result = await table.page(
        { index: 'gsi1', partition: employeeKeys.byDepartment(departmentId) },
        page,
      );
      return { ...result, items: result.items.map(recordOf) };
    },

    async listDirectReports(managerId, page) {
      const result = await table.page({ index: 'gsi2', partition: employeeKeys.byManager(managerId) }, page);
      return { ...result, items: result.items.map(recordOf) };
    },

    async listByStatus(status, page) {
      const result = await table.page({ partition: employeeKeys.byStatus(status) }, page);
      return { ...result, items: result.items.map(summaryOf) };
    },

    async findByWeComUser(userId) {
      const result = await table.page({ partition: employeeKeys.byWeComUser(userId) }, { limit: 2 });
      return result.items.map(summaryOf);
    },

    async listByReferrer(referrerId, page) {
      const result = await table.page({ partition: employeeKeys.byReferrer(referrerId) }, page);
      return { ...result, items: result.items.map(summaryOf) };
    },

    prepareCreate(employee, at) {
      const change = new ChangeBuilder(table.tableName);
      change.put(profileItem({ ...employee, version: 1, createdAt: at, updatedAt: at, directReports: 0 }), {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('employee_exists', `Employee ${employee.id} already exists.`),
      });
      for (const item of indexItems(employee)) change.put(item);
      if (employee.managerId) countReport(change, employee.managerId, 1);
      references(change, employee);
      return change.build();
    },

    importItems(batch, at) {
      const first = new ChangeBuilder(table.tableName);
      const last = new ChangeBuilder(table.tableName);
      for (const { employee, directReports } of batch) {
        for (const item of indexItems(employee)) first.put(item);
        last.put(profileItem({ ...employee, version: 1, createdAt: at, updatedAt: at, directReports }));
      }
      return { first: [...first.build().writes], last: [...last.build().writes] };
    },

    prepareImportLinks(batch, knownNew) {
      const change = new ChangeBuilder(table.tableName);
      const newReports = new Map<string, number>();
      for (const { managerId } of batch) {
        if (managerId && !knownNew.has(managerId))
          newReports.set(managerId, (newReports.get(managerId) ?? 0) + 1);
      }
      for (const [managerId, count] of newReports) {
        change.update(
          employeeKeys.item(managerId),
          { expression: 'ADD directReports :n', condition: 'attribute_exists(pk)', values: { ':n': count } },
          missing('managerId', `Employee ${managerId}`),
        );
      }
      for (const departmentId of new Set(batch.map((b) => b.departmentId))) {
        change.check(departmentKeys.item(departmentId), {
          ...exists,
          explain: missing('departmentId', `Department ${departmentId}`),
        });
      }
      for (const referrerId of new Set(batch.map((b) => b.referrerId))) {
        if (!referrerId || knownNew.has(referrerId)) continue;
        change.check(employeeKeys.item(referrerId), {
          ...exists,
          explain: missing('referrerId', `Employee ${referrerId}`),
        });
      }
      return change.build();
    },

    prepareUpdate(before, after, at, context = {}) {
      const change = new ChangeBuilder(table.tableName);
      const profile = profileItem({
        ...after,
        version: before.version + 1,
        createdAt: before.createdAt,
        updatedAt: at,
        directReports: before.directReports,
      });
      // Every attribute of the new profile is set; optional ones it lacks are removed. The report count
      // is left alone: other changes move it concurrently.
      const { pk: _pk, sk: _sk, directReports: _d, ...attributes } = profile;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':expected': before.version };
      const sets = Object.entries(attributes).map(([name, value], i) => {
        names[`#a${i}`] = name;
        values[`:a${i}`] = value;
        return `#a${i} = :a${i}`;
      });
      const removals = [
        ...optionalFields.filter((f) => after[f] === undefined),
        ...(after.managerId ? [] : ['gsi2pk', 'gsi2sk']),
      ].map((name, i) => {
        names[`#r${i}`] = name;
        return `#r${i}`;
      });
      change.update(
        employeeKeys.item(before.id),
        {
          expression: `SET ${sets.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
          condition: 'version = :expected',
          names,
          values,
        },
        () => new StaleVersionError(),
      );

      const [oldIndexes, newIndexes] = [indexItems(before), indexItems(after)];
      for (const old of oldIndexes) {
        if (!newIndexes.some((n) => n.pk === old.pk)) change.delete({ pk: old.pk, sk: old.sk });
      }
      for (const item of newIndexes) change.put(item);

      if (before.managerId !== after.managerId) {
        if (before.managerId) countReport(change, before.managerId, -1);
        if (after.managerId) {
          const [newManager, ...above] = context.newManagerLine ?? [];
          countReport(
            change,
            after.managerId,
            1,
            newManager ? { managerOfManager: newManager.managerId } : undefined,
          );
          // Nobody above may move meanwhile, or two concurrent moves could close a circle.
          for (const manager of above) {
            change.check(employeeKeys.item(manager.id), {
              expression: manager.managerId ? 'managerId = :m' : 'attribute_not_exists(managerId)',
              ...(manager.managerId ? { values: { ':m': manager.managerId } } : {}),
              explain: lineChanged,
            });
          }
        }
      }
      references(change, after, before);
      return change.build();
    },
  };
}
