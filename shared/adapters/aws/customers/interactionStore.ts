import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { checkEmployeesExist } from '#adapters/aws/platform/references.ts';
import { Interaction, interactionKeys } from '#domain/customers/interaction.ts';
import { ConflictError } from '#kernel/errors.ts';
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
    async all(customerId) {
      const items = await table.all({
        partition: interactionKeys.partition(customerId),
        sortPrefix: interactionKeys.prefix,
      });
      return items.map((item) => Interaction.parse(item));
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
      checkEmployeesExist(change, [
        ['employeeId', interaction.employeeId],
        ...interaction.participants.map((id, n) => [`participants.${n}`, id] as const),
      ]);
      return change.build();
    },
  };
}
