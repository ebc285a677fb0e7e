import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { defaultWeights, RiskWeights, weightsKeys } from '#domain/risk/weights.ts';
import { ConflictError } from '#kernel/errors.ts';
import type { WeightsStore } from '#ports/risk/weightsStore.ts';

export function makeWeightsStore(table: HrTable): WeightsStore {
  const versions = new Map<number, RiskWeights>();
  return {
    async current() {
      const page = await table.page(
        {
          partition: weightsKeys.partition,
          sortPrefix: weightsKeys.prefix,
          forward: false,
          consistent: true,
        },
        { limit: 1 },
      );
      const item = page.items[0];
      return item ? RiskWeights.parse(item) : defaultWeights;
    },
    async get(version) {
      // A version never changes once set: each is read once per process.
      const known = versions.get(version);
      if (known) return known;
      const item = await table.get(weightsKeys.item(version));
      const found = item ? RiskWeights.parse(item) : version === 1 ? defaultWeights : undefined;
      if (found) versions.set(version, found);
      return found;
    },
    prepareSave(weights) {
      const change = new ChangeBuilder(table.tableName);
      change.put(
        { ...weightsKeys.item(weights.version), type: 'RiskWeights', ...weights },
        {
          expression: 'attribute_not_exists(pk)',
          explain: () =>
            new ConflictError(
              'weights_changed',
              `Version ${weights.version} of the weights was set meanwhile.`,
            ),
        },
      );
      return change.build();
    },
  };
}
