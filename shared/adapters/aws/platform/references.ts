import type { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import { employeeKeys } from '#domain/people/index.ts';
import { InvalidInputError } from '#kernel/errors.ts';

/** Checks, in the change's transaction, that each employee a record names exists (by the field naming them). */
export function checkEmployeesExist(change: ChangeBuilder, people: readonly (readonly [string, string])[]) {
  const seen = new Set<string>();
  for (const [field, id] of people) {
    if (seen.has(id)) continue; // one operation per item in a transaction
    seen.add(id);
    change.check(employeeKeys.item(id), {
      expression: 'attribute_exists(pk)',
      explain: () =>
        new InvalidInputError(
          `Employee ${id} does not exist.`,
          [{ field, message: `Employee ${id} does not exist` }],
          'reference_not_found',
        ),
    });
  }
}
