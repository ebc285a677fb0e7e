import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { MentoringGoal, MentoringSession, mentoringKeys } from '#domain/training/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { MentoringStore } from '#ports/training/index.ts';

const taken = () => new StaleVersionError();

export function makeMentoringStore(table: HrTable): MentoringStore {
  const create = (item: { pk: string; sk: string } & Record<string, unknown>) =>
    table.commitIf(
      new ChangeBuilder(table.tableName)
        .put(item, { expression: 'attribute_not_exists(pk)', explain: taken })
        .build().writes,
    );
  return {
    async goals(mentorshipId) {
      const items = await table.all({
        partition: mentoringKeys.partition(mentorshipId),
        sortPrefix: 'GOAL#',
        consistent: true,
      });
      return items.map((item) => MentoringGoal.parse(item));
    },
    createGoal: (goal) =>
      create({ ...mentoringKeys.goal(goal.mentorshipId, goal.id), type: 'MentoringGoal', ...goal }),
    async sessions(mentorshipId, page) {
      const result = await table.page(
        { partition: mentoringKeys.partition(mentorshipId), sortPrefix: 'SESSION#', forward: false },
        page,
      );
      return { ...result, items: result.items.map((item) => MentoringSession.parse(item)) };
    },
    async allSessions(mentorshipId) {
      const items = await table.all({
        partition: mentoringKeys.partition(mentorshipId),
        sortPrefix: 'SESSION#',
      });
      return items.map((item) => MentoringSession.parse(item));
    },
    createSession: (session) =>
      create({ ...mentoringKeys.session(session), type: 'MentoringSession', ...session }),
  };
}
