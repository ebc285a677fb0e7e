import type { Messenger } from '#app/communication/index.ts';
import { type Relation, relationOf } from '#domain/performance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { addDays, localDate } from '#kernel/time.ts';
import type { ReviewCycleStore } from '#ports/performance/index.ts';

/** Raters are reminded on the last days before their deadline: the day before and the day itself. */
export const remindDaysBefore = [1, 0] as const;

const relationNames: Record<Relation, string> = {
  self: '自评 self',
  manager: '上级 manager',
  peer: '同事 peer',
};

/**
 * Daily: whoever still owes ratings in a cycle whose deadline for them is tomorrow or today is told
 * once that day, with whom they have left to rate. A second run the same day tells nobody twice.
 */
export function makeRatingReminders(deps: {
  cycles: Pick<ReviewCycleStore, 'unreleased' | 'participants' | 'allRatings'>;
  tell: Messenger;
  clock: Clock;
  timeZone: string;
}) {
  return async () => {
    const today = localDate(deps.clock.now(), deps.timeZone);
    let told = 0;
    for (const cycle of await deps.cycles.unreleased()) {
      const due = (Object.keys(cycle.ratingsDue) as Relation[]).filter((relation) =>
        remindDaysBefore.some((days) => addDays(today, days) === cycle.ratingsDue[relation]),
      );
      if (due.length === 0) continue;
      const participants = await deps.cycles.participants(cycle.id);
      const rated = new Set(
        (await deps.cycles.allRatings(cycle.id)).map((r) => `${r.revieweeId}|${r.raterId}`),
      );
      // rater → relation → names of those they have not rated yet
      const owed = new Map<string, Map<Relation, string[]>>();
      for (const p of participants)
        for (const rater of [p.employeeId, ...(p.managerId ? [p.managerId] : []), ...p.peers]) {
          const relation = relationOf(p, rater);
          if (!relation || !due.includes(relation) || rated.has(`${p.employeeId}|${rater}`)) continue;
          const byRelation = owed.get(rater) ?? new Map<Relation, string[]>();
          byRelation.set(relation, [...(byRelation.get(relation) ?? []), p.name]);
          owed.set(rater, byRelation);
        }
      for (const [rater, byRelation] of owed)
        for (const [relation, names] of byRelation) {
          await deps.tell(
            [{ employeeId: rater }],
            'review.ratingsDue',
            {
              cycle: cycle.name,
              due: cycle.ratingsDue[relation],
              relation: relationNames[relation],
              reviewees: names.slice(0, 20).join('、') + (names.length > 20 ? ` +${names.length - 20}` : ''),
            },
            {
              dedupeKey: `ratings-due|${cycle.id}|${relation}|${today}`,
              link: `/v1/review-cycles/${cycle.id}/reviews`,
            },
          );
          told++;
        }
    }
    return { told };
  };
}
