import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { cycleKeys, ReviewResult, resultKeys } from '#domain/performance/index.ts';
import type { ReviewResultStore } from '#ports/performance/index.ts';

/** Results are written whole, 25 to a transaction (each may be large), the department's marker last. */
const perTransaction = 25;

export function makeReviewResultStore(table: HrTable): ReviewResultStore {
  return {
    async result(cycleId, employeeId) {
      const item = await table.get(resultKeys.result(cycleId, employeeId), true);
      return item ? ReviewResult.parse(item) : undefined;
    },
    async results(cycleId) {
      const items = await table.all({
        partition: cycleKeys.item(cycleId).pk,
        sortPrefix: resultKeys.resultPrefix,
        consistent: true,
      });
      return items.map((item) => ReviewResult.parse(item));
    },
    async resultsOf(employeeId, page) {
      const found = await table.page(
        { index: 'gsi1', partition: resultKeys.of(employeeId), forward: false },
        page,
      );
      return { ...found, items: found.items.map((item) => ReviewResult.parse(item)) };
    },
    async isDone(cycleId, run, departmentId) {
      return (await table.get(resultKeys.done(cycleId, run, departmentId), true)) !== undefined;
    },
    async saveDepartment(cycleId, run, departmentId, results) {
      for (let i = 0; i < results.length; i += perTransaction) {
        const change = new ChangeBuilder(table.tableName);
        for (const result of results.slice(i, i + perTransaction))
          change.put({
            ...resultKeys.result(cycleId, result.employeeId),
            type: 'ReviewResult',
            gsi1pk: resultKeys.of(result.employeeId),
            gsi1sk: `${result.asOf}#${cycleId}`,
            ...result,
          });
        await table.commit(change.build().writes);
      }
      await table.commit(
        new ChangeBuilder(table.tableName)
          .put({
            ...resultKeys.done(cycleId, run, departmentId),
            type: 'ReviewComputed',
            count: results.length,
          })
          .build().writes,
      );
    },
  };
}
