import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { Candidate, KeyPosition, successionKeys } from '#domain/succession/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { SuccessionStore } from '#ports/succession/index.ts';

const stale = () => new StaleVersionError();

export function makeSuccessionStore(table: HrTable): SuccessionStore {
  return {
    async get(id) {
      const item = await table.get(successionKeys.keyPosition(id), true);
      return item ? KeyPosition.parse(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: successionKeys.all }, page);
      return { ...result, items: result.items.map((item) => KeyPosition.parse(item)) };
    },
    create(keyPosition) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...successionKeys.keyPosition(keyPosition.id),
              type: 'KeyPosition',
              gsi1pk: successionKeys.all,
              gsi1sk: keyPosition.id,
              gsi2pk: successionKeys.heldBy(keyPosition.incumbentId),
              gsi2sk: keyPosition.id,
              ...keyPosition,
            },
            { expression: 'attribute_not_exists(pk)', explain: stale },
          )
          .build().writes,
      );
    },
    async heldBy(employeeId) {
      const items = await table.all({ index: 'gsi2', partition: successionKeys.heldBy(employeeId) });
      return items.map((item) => KeyPosition.parse(item));
    },
    async candidate(keyPositionId, employeeId) {
      const item = await table.get(successionKeys.candidate(keyPositionId, employeeId), true);
      return item ? Candidate.parse(item) : undefined;
    },
    async candidates(keyPositionId) {
      const items = await table.all({
        partition: successionKeys.keyPosition(keyPositionId).pk,
        sortPrefix: 'CANDIDATE#',
        consistent: true,
      });
      return items.map((item) => Candidate.parse(item));
    },
    saveCandidate(after) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...successionKeys.candidate(after.keyPositionId, after.employeeId),
              type: 'SuccessionCandidate',
              gsi1pk: successionKeys.candidacies(after.employeeId),
              gsi1sk: after.keyPositionId,
              ...after,
            },
            after.version === 1
              ? { expression: 'attribute_not_exists(pk)', explain: stale }
              : { expression: 'version = :before', values: { ':before': after.version - 1 }, explain: stale },
          )
          .build().writes,
      );
    },
  };
}
