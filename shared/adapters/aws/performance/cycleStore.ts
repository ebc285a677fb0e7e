import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import {
  cycleKeys,
  Participant,
  participantChunkSize,
  Rating,
  ReviewCycle,
} from '#domain/performance/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { ReviewCycleStore } from '#ports/performance/index.ts';

const stale = () => new StaleVersionError();
const cycleOf = (item: Item) => ReviewCycle.parse(item);
const itemOf = (c: ReviewCycle) => ({
  ...cycleKeys.item(c.id),
  type: 'ReviewCycle',
  gsi1pk: cycleKeys.all,
  gsi1sk: `${c.period.end}#${c.id}`,
  ...c,
});

export function makeReviewCycleStore(table: HrTable): ReviewCycleStore {
  return {
    async get(id) {
      const item = await table.get(cycleKeys.item(id), true);
      return item ? cycleOf(item) : undefined;
    },
    async list(page) {
      const result = await table.page({ index: 'gsi1', partition: cycleKeys.all, forward: false }, page);
      return { ...result, items: result.items.map(cycleOf) };
    },
    async participants(id) {
      const chunks = await table.all({
        partition: cycleKeys.item(id).pk,
        sortPrefix: cycleKeys.participantsPrefix,
        consistent: true,
      });
      return chunks.flatMap((chunk) => (chunk.participants as unknown[]).map((p) => Participant.parse(p)));
    },
    open(cycle, participants) {
      const change = new ChangeBuilder(table.tableName);
      change.put(itemOf(cycle), { expression: 'attribute_not_exists(pk)', explain: stale });
      for (let chunk = 0; chunk * participantChunkSize < participants.length; chunk++)
        change.put({
          ...cycleKeys.participants(cycle.id, chunk),
          type: 'ReviewParticipants',
          participants: participants.slice(chunk * participantChunkSize, (chunk + 1) * participantChunkSize),
        });
      return table.commitIf(change.build().writes);
    },
    update(before, after) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(itemOf(after), {
            expression: 'version = :before',
            values: { ':before': before.version },
            explain: stale,
          })
          .build().writes,
      );
    },
    async ratingsOf(id, revieweeId) {
      const items = await table.all({
        partition: cycleKeys.item(id).pk,
        sortPrefix: cycleKeys.ratingsOf(revieweeId),
        consistent: true,
      });
      return items.map((item) => Rating.parse(item));
    },
    async allRatings(id) {
      const items = await table.all({ partition: cycleKeys.item(id).pk, sortPrefix: 'RATING#' });
      return items.map((item) => Rating.parse(item));
    },
    async unreleased() {
      // A few cycles a year: read them all and keep those open.
      const items = await table.all({ index: 'gsi1', partition: cycleKeys.all });
      return items.map(cycleOf).filter((c) => c.status !== 'released');
    },
    saveRating(rating) {
      return table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(
            {
              ...cycleKeys.rating(rating.cycleId, rating.revieweeId, rating.raterId),
              type: 'Rating',
              ...rating,
            },
            rating.version === 1
              ? { expression: 'attribute_not_exists(pk)', explain: stale }
              : {
                  expression: 'version = :before',
                  values: { ':before': rating.version - 1 },
                  explain: stale,
                },
          )
          .build().writes,
      );
    },
  };
}
