import type { Messenger } from '#app/communication/index.ts';
import { whereOf } from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { addDays, localDate } from '#kernel/time.ts';
import type { TrainingStore } from '#ports/training/index.ts';

/**
 * Daily: everyone enrolled in a session that starts tomorrow where it happens is told once, with
 * its time and place. A second run the same day tells nobody twice.
 */
export function makeTrainingReminders(deps: {
  trainings: Pick<TrainingStore, 'sessionsStarting' | 'enrolments' | 'get'>;
  tell: Messenger;
  clock: Clock;
}) {
  return async () => {
    const now = deps.clock.now();
    const soon = new Date(now.getTime() + 3 * 86_400_000);
    let told = 0;
    for (const session of await deps.trainings.sessionsStarting(now.toISOString(), soon.toISOString())) {
      const zone = session.local.timeZone;
      if (localDate(new Date(session.startsAt), zone) !== addDays(localDate(now, zone), 1)) continue;
      const training = await deps.trainings.get(session.trainingId);
      if (!training) continue;
      for (const enrolment of await deps.trainings.enrolments(session.trainingId, session.id)) {
        await deps.tell(
          [{ employeeId: enrolment.employeeId }],
          'training.sessionTomorrow',
          {
            training: training.name,
            startsAt: session.local.startsAt.replace('T', ' '),
            timeZone: zone,
            where: whereOf(session),
          },
          {
            dedupeKey: `training-tomorrow|${session.id}|${enrolment.employeeId}`,
            link: `/v1/trainings/${training.id}/sessions/${session.id}`,
          },
        );
        told++;
      }
    }
    return { told };
  };
}
