import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item, Key } from '#adapters/aws/platform/hrTable.ts';
import { PositionSkills, Skill, SkillRecord, skillKeys } from '#domain/training/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { SkillStore } from '#ports/training/index.ts';

const stale = () => new StaleVersionError();

/** A versioned item's put: new at version 1, else on condition that the stored one is the previous. */
const putVersioned = (change: ChangeBuilder, item: Item & Key & { version: number }) =>
  change.put(
    item,
    item.version === 1
      ? { expression: 'attribute_not_exists(pk)', explain: stale }
      : { expression: 'version = :before', values: { ':before': item.version - 1 }, explain: stale },
  );

const versioned = (table: HrTable, item: Item & Key & { version: number }) =>
  table.commitIf(putVersioned(new ChangeBuilder(table.tableName), item).build().writes);

/** Someone's evidence, as the next version, into a change (with the trainings that certify it). */
export const putSkillRecord = (change: ChangeBuilder, record: SkillRecord) =>
  putVersioned(change, { ...skillKeys.record(record.employeeId), type: 'SkillRecord', ...record });

export function makeSkillStore(table: HrTable): SkillStore {
  return {
    async get(id) {
      const item = await table.get(skillKeys.skill(id));
      return item ? Skill.parse(item) : undefined;
    },
    async getMany(ids) {
      const items = await table.getMany(ids.map((id) => skillKeys.skill(id)));
      return new Map(items.map((item) => [String(item.id), Skill.parse(item)]));
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: skillKeys.all }, page);
      return { ...result, items: result.items.map((item) => Skill.parse(item)) };
    },
    create(skill) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...skillKeys.skill(skill.id),
              type: 'Skill',
              gsi1pk: skillKeys.all,
              gsi1sk: skill.id,
              ...skill,
            },
            { expression: 'attribute_not_exists(pk)', explain: stale },
          )
          .build().writes,
      );
    },
    async position(position) {
      const item = await table.get(skillKeys.position(position), true);
      return item ? PositionSkills.parse(item) : undefined;
    },
    async positions(positions) {
      const items = await table.getMany(positions.map((p) => skillKeys.position(p)));
      return new Map(items.map((item) => [String(item.position), PositionSkills.parse(item)]));
    },
    savePosition(after) {
      return versioned(table, { ...skillKeys.position(after.position), type: 'PositionSkills', ...after });
    },
    async record(employeeId) {
      const item = await table.get(skillKeys.record(employeeId), true);
      return item ? SkillRecord.parse(item) : undefined;
    },
    async records(employeeIds) {
      const items = await table.getMany(employeeIds.map((id) => skillKeys.record(id)));
      return new Map(items.map((item) => [String(item.employeeId), SkillRecord.parse(item)]));
    },
    saveRecord(after) {
      return table.commitIf(putSkillRecord(new ChangeBuilder(table.tableName), after).build().writes);
    },
  };
}
