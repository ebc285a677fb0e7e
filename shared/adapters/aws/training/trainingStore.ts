import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import { Enrolment, Session, Training, trainingKeys } from '#domain/training/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import { WriteRejectedError } from '#kernel/writes.ts';
import type { TrainingStore } from '#ports/training/index.ts';
import { putSkillRecord } from './skillStore.ts';

const stale = () => new StaleVersionError();
const parsed =
  <T>(schema: { parse(item: unknown): T }) =>
  (items: readonly Item[]) =>
    items.map((item) => schema.parse(item));
const sessions = parsed(Session);
const enrolments = parsed(Enrolment);

const enrolmentItem = (e: Enrolment) => ({
  ...trainingKeys.enrolment(e.trainingId, e.sessionId, e.employeeId),
  type: 'Enrolment',
  gsi1pk: trainingKeys.trainee(e.employeeId),
  gsi1sk: `${e.sessionStartsAt}#${e.sessionId}`,
  ...e,
});

export function makeTrainingStore(table: HrTable): TrainingStore {
  return {
    async get(id) {
      const item = await table.get(trainingKeys.program(id));
      return item ? Training.parse(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: trainingKeys.programs }, page);
      return { ...result, items: result.items.map((item) => Training.parse(item)) };
    },
    async all() {
      return parsed(Training)(await table.all({ index: 'gsi1', partition: trainingKeys.programs }));
    },
    create(training) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...trainingKeys.program(training.id),
              type: 'Training',
              gsi1pk: trainingKeys.programs,
              gsi1sk: `${training.createdAt}#${training.id}`,
              ...training,
            },
            { expression: 'attribute_not_exists(pk)', explain: stale },
          )
          .build().writes,
      );
    },
    async session(trainingId, id) {
      const item = await table.get(trainingKeys.session(trainingId, id), true);
      return item ? Session.parse(item) : undefined;
    },
    async sessions(trainingId, page) {
      const result = await table.page(
        { partition: trainingKeys.program(trainingId).pk, sortPrefix: 'SESSION#' },
        page,
      );
      return { ...result, items: sessions(result.items) };
    },
    async sessionsStarting(from, to) {
      return sessions(
        await table.all({ index: 'gsi1', partition: trainingKeys.sessions, sortBetween: [from, `${to}~`] }),
      );
    },
    createSession(session) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...trainingKeys.session(session.trainingId, session.id),
              type: 'TrainingSession',
              gsi1pk: trainingKeys.sessions,
              gsi1sk: `${session.startsAt}#${session.id}`,
              ...session,
            },
            { expression: 'attribute_not_exists(pk)', explain: stale },
          )
          .build().writes,
      );
    },
    async enrolment(trainingId, sessionId, employeeId) {
      const item = await table.get(trainingKeys.enrolment(trainingId, sessionId, employeeId), true);
      return item ? Enrolment.parse(item) : undefined;
    },
    async enrolments(trainingId, sessionId) {
      return enrolments(
        await table.all({
          partition: trainingKeys.program(trainingId).pk,
          sortPrefix: `ENROLMENT#${sessionId}#`,
          consistent: true,
        }),
      );
    },
    async programEnrolments(trainingId) {
      return enrolments(
        await table.all({ partition: trainingKeys.program(trainingId).pk, sortPrefix: 'ENROLMENT#' }),
      );
    },
    async enrolmentsOf(employeeId, page) {
      const result = await table.page(
        { index: 'gsi1', partition: trainingKeys.trainee(employeeId), forward: false },
        page,
      );
      return { ...result, items: enrolments(result.items) };
    },
    async enrol(session, enrolment) {
      const change = new ChangeBuilder(table.tableName)
        .update(
          trainingKeys.session(session.trainingId, session.id),
          {
            expression: 'SET enrolled = enrolled + :one',
            condition: 'enrolled < #capacity',
            values: { ':one': 1 },
            names: { '#capacity': 'capacity' },
          },
          stale,
        )
        .put(enrolmentItem(enrolment), { expression: 'attribute_not_exists(pk)', explain: stale })
        .build();
      try {
        await table.commit(change.writes);
        return 'done';
      } catch (error) {
        if (error instanceof WriteRejectedError) return error.index === 0 ? 'full' : 'enrolled';
        throw error;
      }
    },
    saveOutcomes(changes, records) {
      const change = new ChangeBuilder(table.tableName);
      for (const { before, after } of changes)
        change.put(
          enrolmentItem(after),
          before.updatedAt
            ? { expression: 'updatedAt = :before', values: { ':before': before.updatedAt }, explain: stale }
            : { expression: 'attribute_exists(pk) AND attribute_not_exists(updatedAt)', explain: stale },
        );
      for (const record of records) putSkillRecord(change, record);
      return table.commitIf(change.build().writes);
    },
  };
}
