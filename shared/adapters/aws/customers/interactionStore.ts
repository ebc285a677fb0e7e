import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { Interaction, interactionKeys } from '#domain/customers/interaction.ts';
import { employeeKeys } from '#domain/people/index.ts';
import { ConflictError, InvalidInputError } from '#kernel/errors.ts';
import type { InteractionStore } from '#ports/customers/interactionStore.ts';

export function makeInteractionStore(table: HrTable): InteractionStore {
  return {
    async list(customerId, page) {
      const result = await table.page(
        {
          partition: interactionKeys.partition(customerId),
          sortPrefix: interactionKeys.prefix,
          forward: false,
        },
        page,
      );
      return { ...result, items: result.items.map((item: Item) => Interaction.parse(item)) };
    },
    prepareCreate(interaction) {
      const change = new ChangeBuilder(table.tableName);
      change.put(
        { ...interactionKeys.item(interaction), type: 'Interaction', ...interaction },
        {
          expression: 'attribute_not_exists(pk)',
          explain: () => new ConflictError('interaction_exists', `Interaction ${interaction.id} exists.`),
        },
      );
      const people: [string, string][] = [
        ['employeeId', interaction.employeeId],
        ...interaction.participants.map((id, n): [string, string] => [`participants.${n}`, id]),
      ];
      for (const [field, id] of people)
        change.check(employeeKeys.item(id), {
          expression: 'attribute_exists(pk)',
          explain: () =>
            new InvalidInputError(
              `Employee ${id} does not exist.`,
              [{ field, message: `Employee ${id} does not exist` }],
              'reference_not_found',
            ),
        });
      return change.build();
    },
  };
}
