import { EmployeeId, stampedId, Timestamp, TimeZone } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { Requirement, type SkillEvidence } from './skill.ts';

/** T + the UTC time to the second + random hex: T20261201090000a1b2c3d4. */
export const TrainingId = z
  .string()
  .check(z.regex(/^T\d{14}[0-9a-f]{8}$/, 'A training id looks like T20261201090000a1b2c3d4'));
/** S + the UTC time to the second + random hex. */
export const SessionId = z
  .string()
  .check(z.regex(/^S\d{14}[0-9a-f]{8}$/, 'A session id looks like S20261201090000a1b2c3d4'));
export const trainingId = stampedId('T');
export const sessionId = stampedId('S');

const score = z.number().check(z.gte(0), z.lte(1000));

/** The exam at the end of a program: scores from 0 to `maxScore`; `passMark` or more passes. */
export const Exam = z
  .strictObject({ maxScore: z.number().check(z.gt(0), z.lte(1000)), passMark: score })
  .check(
    z.refine((exam) => exam.passMark <= exam.maxScore, {
      message: 'The pass mark is at most the highest score',
      path: ['passMark'],
    }),
  );
export type Exam = z.infer<typeof Exam>;

const programFields = {
  name: inBothLanguages(100),
  description: z.optional(inBothLanguages(2000)),
  /** The levels a completed program certifies: each becomes evidence of the trainee's level. */
  certifies: z._default(z.array(Requirement).check(z.maxLength(20)), []),
  /** Without an exam, attending completes the program. */
  exam: z.optional(Exam),
  /** The KPI whose change after the program measures its effect on the job (a computed one). */
  targetKpiId: z.optional(z.string().check(z.maxLength(40))),
  /** Whether employees may enrol themselves; otherwise HR or their managers enrol them. */
  selfEnrolment: z._default(z.boolean(), false),
};

export const NewTraining = z.strictObject(programFields).check(
  z.superRefine((input, ctx) => {
    const ids = input.certifies.map((c) => c.skillId);
    ids.forEach((id, n) => {
      if (ids.indexOf(id) !== n)
        ctx.addIssue({
          code: 'custom',
          message: `${id} is listed already`,
          path: ['certifies', n, 'skillId'],
          input,
        });
    });
  }),
);
export type NewTraining = z.infer<typeof NewTraining>;

/**
 * A training program, aimed at skills. Items (table Hr):
 *   pk = TRAINING#<id>  sk = TRAINING  gsi1pk = TRAININGS  gsi1sk = <createdAt>#<id>
 * Its sessions and enrolments live in the same partition (below).
 */
export const Training = z.object({
  id: TrainingId,
  ...programFields,
  certifies: z.array(Requirement).check(z.maxLength(20)),
  selfEnrolment: z.boolean(),
  createdBy: EmployeeId,
  createdAt: Timestamp,
});
export type Training = z.infer<typeof Training>;

/** A wall-clock time where the session happens: 2026-12-10T14:00. */
export const WallClock = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'A local date and time, as 2026-12-10T14:00'));

export const NewSession = z
  .strictObject({
    startsAt: WallClock,
    endsAt: WallClock,
    /** Where the wall-clock times are read; the company's zone without it (a site's, for another site). */
    timeZone: z.optional(TimeZone),
    place: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    link: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2000))),
    /** An employee who trains (they take attendance and results), or an outside trainer's name. */
    trainerId: z.optional(EmployeeId),
    trainerName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    capacity: z.int().check(z.gte(1), z.lte(1000)),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (input.endsAt <= input.startsAt)
        ctx.addIssue({ code: 'custom', message: 'Ends after it starts', path: ['endsAt'], input });
      if (!input.place && !input.link)
        ctx.addIssue({ code: 'custom', message: 'A place, a link, or both', path: ['place'], input });
      if (!input.trainerId && !input.trainerName)
        ctx.addIssue({
          code: 'custom',
          message: 'Who trains: trainerId or trainerName',
          path: ['trainerId'],
          input,
        });
    }),
  );
export type NewSession = z.infer<typeof NewSession>;

/**
 * A session of a program. Item (table Hr):
 *   pk = TRAINING#<trainingId>  sk = SESSION#<id>  gsi1pk = SESSIONS  gsi1sk = <startsAt>#<id>
 * `enrolled` counts its enrolments, kept with each in one transaction so capacity holds.
 */
export const Session = z.object({
  id: SessionId,
  trainingId: TrainingId,
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** The times as they were given, where they were given. */
  local: z.object({ startsAt: WallClock, endsAt: WallClock, timeZone: TimeZone }),
  /** The day it ended, where it happened: the day of its attendance and certificates. */
  endsOn: z.iso.date(),
  place: z.optional(upTo(200)),
  link: z.optional(upTo(2000)),
  trainerId: z.optional(EmployeeId),
  trainerName: z.optional(upTo(100)),
  capacity: z.int(),
  enrolled: z.int().check(z.gte(0)),
  createdBy: EmployeeId,
  createdAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

export const Attendance = z.enum(['present', 'absent']);

/**
 * Someone's place in a session and what came of it. Item (table Hr):
 *   pk = TRAINING#<trainingId>  sk = ENROLMENT#<sessionId>#<employeeId>
 *   gsi1pk = TRAINEE#<employeeId>  gsi1sk = <session startsAt>#<sessionId>
 */
export const Enrolment = z.object({
  trainingId: TrainingId,
  sessionId: SessionId,
  employeeId: EmployeeId,
  sessionStartsAt: Timestamp,
  sessionEndsOn: z.iso.date(),
  enrolledBy: EmployeeId,
  enrolledAt: Timestamp,
  attendance: z.optional(Attendance),
  preScore: z.optional(score),
  postScore: z.optional(score),
  /** Attended and, where the program has an exam, passed it. */
  completed: z.optional(z.boolean()),
  /** The trainee's own rating of the session afterwards (1–5), and a word. */
  reaction: z.optional(
    z.object({ rating: z.int().check(z.gte(1), z.lte(5)), comment: z.optional(upTo(1000)), at: Timestamp }),
  ),
  updatedBy: z.optional(EmployeeId),
  updatedAt: z.optional(Timestamp),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const trainingKeys = {
  program: (id: string) => ({ pk: `TRAINING#${id}`, sk: 'TRAINING' }),
  programs: 'TRAININGS',
  session: (trainingId: string, id: string) => ({ pk: `TRAINING#${trainingId}`, sk: `SESSION#${id}` }),
  sessions: 'SESSIONS',
  enrolment: (trainingId: string, sessionId: string, employeeId: string) => ({
    pk: `TRAINING#${trainingId}`,
    sk: `ENROLMENT#${sessionId}#${employeeId}`,
  }),
  trainee: (employeeId: string) => `TRAINEE#${employeeId}`,
};

/** What a recorded attendance and score make of an enrolment: completed, when it can be said. */
export function completionOf(
  training: Pick<Training, 'exam'>,
  enrolment: Pick<Enrolment, 'attendance' | 'postScore'>,
): boolean | undefined {
  if (enrolment.attendance === 'absent') return false;
  if (enrolment.attendance !== 'present') return undefined;
  if (!training.exam) return true;
  return enrolment.postScore === undefined ? undefined : enrolment.postScore >= training.exam.passMark;
}

/** Where a session happens, as its messages say it: the place, the link, or both. */
export const whereOf = (session: Pick<Session, 'place' | 'link'>) =>
  [session.place, session.link].filter(Boolean).join(' · ');

/** The reference a certificate's evidence carries: one per program session, so it is added once. */
export const certificateReference = (trainingId: string, sessionId: string) =>
  `training:${trainingId}:${sessionId}`;

/** What a completed enrolment certifies: evidence of each level the program names, dated the session's last day. */
export const certificateEvidence = (
  training: Pick<Training, 'id' | 'name' | 'certifies'>,
  session: Pick<Session, 'id' | 'endsOn'>,
  recordedBy: string,
  recordedAt: string,
): SkillEvidence[] =>
  training.certifies.map((c) => ({
    skillId: c.skillId,
    level: c.level,
    source: 'training_certificate',
    on: session.endsOn,
    reference: certificateReference(training.id, session.id),
    note: `${training.name.en} (${session.endsOn})`,
    recordedBy,
    recordedAt,
  }));
