import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { employeeKeys } from '#domain/people/index.ts';
import { Mentorship, mentorshipItems, mentorshipKeys } from '#domain/risk/mentorship.ts';
import { ConflictError, InvalidInputError, StaleVersionError } from '#kernel/errors.ts';
import type { MentorshipStore } from '#ports/risk/mentorshipStore.ts';

const recordOf = (item: Item): Mentorship => Mentorship.parse(item);

const missing = (field: string, id: string) => () =>
  new InvalidInputError(
    `Employee ${id} does not exist.`,
    [{ field, message: `Employee ${id} does not exist` }],
    'reference_not_found',
  );

export function makeMentorshipStore(table: HrTable): MentorshipStore {
  const byPartition = async (partition: string, page: Parameters<MentorshipStore['list']>[0]) => {
    const result = await table.page(
      { partition, sortPrefix: mentorshipKeys.indexSortPrefix, forward: false },
      page,
    );
    return { ...result, items: result.items.map(recordOf) };
  };
  return {
    async get(id) {
      const item = await table.get(mentorshipKeys.item(id), true);
      return item ? recordOf(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: mentorshipKeys.all, forward: false }, page);
      return { ...result, items: result.items.map(recordOf) };
    },
    listByMentor: (mentorId, page) => byPartition(mentorshipKeys.byMentor(mentorId), page),
    listByMentee: (menteeId, page) => byPartition(mentorshipKeys.byMentee(menteeId), page),
    prepareCreate(m) {
      const change = new ChangeBuilder(table.tableName);
      const [record, ...index] = mentorshipItems(m);
      change.put(record as Item & { pk: string; sk: string }, {
        expression: 'attribute_not_exists(pk)',
        explain: () => new ConflictError('mentorship_exists', `Mentorship ${m.id} exists.`),
      });
      for (const item of index) change.put(item);
      for (const [field, id] of [
        ['mentorId', m.mentorId],
        ['menteeId', m.menteeId],
      ] as const)
        change.check(employeeKeys.item(id), {
          expression: 'attribute_exists(pk)',
          explain: missing(field, id),
        });
      return change.build();
    },
    prepareUpdate(before, after) {
      const change = new ChangeBuilder(table.tableName);
      const [record, ...index] = mentorshipItems(after);
      change.put(record as Item & { pk: string; sk: string }, {
        expression: 'version = :expected',
        values: { ':expected': before.version },
        explain: () => new StaleVersionError(),
      });
      for (const item of index) change.put(item);
      return change.build();
    },
  };
}
