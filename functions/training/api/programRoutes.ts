import { outcomesPerRequest } from '#app/training/index.ts';
import { KpiId, KpiSource } from '#domain/performance/index.ts';
import {
  Enrolment,
  NewSession,
  NewTraining,
  Session,
  SessionId,
  SkillId,
  Training,
  TrainingId,
} from '#domain/training/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, EmployeeId } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const tag = 'training';
const TrainingView = Training.check(z.meta({ id: 'Training' }));
const SessionView = Session.check(z.meta({ id: 'TrainingSession' }));
const EnrolmentView = Enrolment.check(z.meta({ id: 'Enrolment' }));
const ById = z.object({ id: TrainingId });
const BySession = z.object({ id: TrainingId, sessionId: SessionId });
const People = z.array(EmployeeId).check(z.maxLength(outcomesPerRequest));
const score = z.number().check(z.gte(0), z.lte(1000));

export const defineTrainingRoute = defineRoute({
  method: 'POST',
  path: '/v1/trainings',
  operationId: 'defineTraining',
  problems: ['reference_not_found'],
  summary:
    'Add a training program (HR): the skill levels it certifies, its exam and pass mark, the KPI whose change shows its effect, whether people may enrol themselves',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewTraining.check(z.meta({ id: 'NewTraining' })),
  responses: { 201: { description: 'Added', body: TrainingView, headers: ['Location'] } },
});

export const listTrainingsRoute = defineRoute({
  method: 'GET',
  path: '/v1/trainings',
  operationId: 'listTrainings',
  summary: 'Training programs, oldest first (everyone); with skillId, those that certify it',
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, skillId: z.optional(SkillId) }),
  responses: {
    200: { description: 'A page (short when filtered: follow the cursor)', body: pageOf(TrainingView) },
  },
});

export const getTrainingRoute = defineRoute({
  method: 'GET',
  path: '/v1/trainings/{id}',
  operationId: 'getTraining',
  summary: 'One training program',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The program', body: TrainingView } },
});

export const scheduleSessionRoute = defineRoute({
  method: 'POST',
  path: '/v1/trainings/{id}/sessions',
  operationId: 'scheduleTrainingSession',
  problems: ['reference_not_found'],
  summary:
    'Schedule a session (HR): local start and end where it happens (the company’s zone unless another is given), place or link, trainer, places',
  tag,
  auth: 'jwt',
  idempotent: true,
  params: ById,
  body: NewSession.check(z.meta({ id: 'NewTrainingSession' })),
  responses: { 201: { description: 'Scheduled', body: SessionView, headers: ['Location'] } },
});

export const listSessionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/trainings/{id}/sessions',
  operationId: 'listTrainingSessions',
  summary: 'A program’s sessions (everyone), with their places taken',
  tag,
  auth: 'jwt',
  params: ById,
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(SessionView) } },
});

export const getSessionRoute = defineRoute({
  method: 'GET',
  path: '/v1/trainings/{id}/sessions/{sessionId}',
  operationId: 'getTrainingSession',
  summary: 'One session',
  tag,
  auth: 'jwt',
  params: BySession,
  responses: { 200: { description: 'The session', body: SessionView } },
});

export const enrolRoute = defineRoute({
  method: 'POST',
  path: '/v1/trainings/{id}/sessions/{sessionId}/enrolments',
  operationId: 'enrolInTrainingSession',
  problems: ['reference_not_found', 'session_full', 'session_started'],
  summary:
    'Enrol someone before the session starts: HR anyone, managers their line, people themselves where the program allows; they are told. Again changes nothing (200)',
  tag,
  auth: 'jwt',
  params: BySession,
  body: z.strictObject({ employeeId: EmployeeId }),
  responses: {
    200: { description: 'Enrolled already', body: EnrolmentView },
    201: { description: 'Enrolled', body: EnrolmentView },
  },
});

export const listEnrolmentsRoute = defineRoute({
  method: 'GET',
  path: '/v1/trainings/{id}/sessions/{sessionId}/enrolments',
  operationId: 'listTrainingEnrolments',
  summary: 'A session’s enrolments with attendance, scores, completion and ratings (HR, its trainer)',
  tag,
  auth: 'jwt',
  params: BySession,
  responses: {
    200: {
      description: 'The session and its enrolments',
      body: z.object({ session: SessionView, enrolments: z.array(EnrolmentView).check(z.maxLength(1000)) }),
    },
  },
});

const Outcomes = z.object({
  sessionId: SessionId,
  enrolments: z.array(EnrolmentView).check(z.maxLength(outcomesPerRequest)),
  /** How many people's evidence changed: certificates given, or taken back by a correction. */
  certified: z.int(),
});

export const takeAttendanceRoute = defineRoute({
  method: 'POST',
  path: '/v1/trainings/{id}/sessions/{sessionId}/attendance',
  operationId: 'takeTrainingAttendance',
  problems: ['session_not_started'],
  summary: `Take attendance once the session has started (HR, its trainer): who was present and who absent, up to ${outcomesPerRequest} people together; again corrects it. Without an exam, present completes the program and gives its certificate`,
  tag,
  auth: 'jwt',
  params: BySession,
  body: z.strictObject({ present: z._default(People, []), absent: z._default(People, []) }).check(
    z.refine((b) => b.present.length + b.absent.length > 0, {
      message: 'Someone present or absent',
      path: ['present'],
    }),
    z.refine((b) => b.present.length + b.absent.length <= outcomesPerRequest, {
      message: `At most ${outcomesPerRequest} people a request, present and absent together`,
      path: ['absent'],
    }),
  ),
  responses: { 200: { description: 'Recorded', body: Outcomes } },
});

export const recordResultsRoute = defineRoute({
  method: 'POST',
  path: '/v1/trainings/{id}/sessions/{sessionId}/results',
  operationId: 'recordTrainingResults',
  problems: ['session_not_started'],
  summary: `Record exam scores before and after (HR, its trainer), up to ${outcomesPerRequest} people: the pass mark decides completion, and completion gives the certificate — evidence of the levels the program certifies; again corrects it`,
  tag,
  auth: 'jwt',
  params: BySession,
  body: z.strictObject({
    results: z
      .array(
        z.strictObject({ employeeId: EmployeeId, preScore: z.optional(score), postScore: z.optional(score) }),
      )
      .check(z.minLength(1), z.maxLength(outcomesPerRequest)),
  }),
  responses: { 200: { description: 'Recorded', body: Outcomes } },
});

export const rateSessionRoute = defineRoute({
  method: 'POST',
  path: '/v1/trainings/{id}/sessions/{sessionId}/reaction',
  operationId: 'rateTrainingSession',
  problems: ['session_not_started'],
  summary: 'Rate a session one attended (1–5), with a word; again replaces it',
  tag,
  auth: 'jwt',
  params: BySession,
  body: z.strictObject({
    rating: z.int().check(z.gte(1), z.lte(5)),
    comment: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
  }),
  responses: { 200: { description: 'Rated', body: EnrolmentView } },
});

const Average = z.optional(z.number());
const Group = z.object({ people: z.int(), averageChange: Average });

export const getEffectivenessRoute = defineRoute({
  method: 'GET',
  path: '/v1/trainings/{id}/effectiveness',
  operationId: 'getTrainingEffectiveness',
  summary:
    'How well a program worked (HR): reaction (ratings), learning (exam after minus before), and its target KPI’s change over 30, 60 and 90 days after each session against colleagues in the same departments and positions who did not take it',
  tag,
  auth: 'jwt',
  params: ById,
  responses: {
    200: {
      description: 'Its effectiveness, with the people and records behind each number',
      body: z
        .object({
          trainingId: TrainingId,
          asOf: CalendarDate,
          enrolled: z.int(),
          attended: z.int(),
          completed: z.int(),
          reaction: z.object({
            responses: z.int(),
            average: Average,
            distribution: z.array(z.int()).check(z.length(5)),
          }),
          learning: z.object({
            compared: z.int(),
            averagePre: Average,
            averagePost: Average,
            averageGain: Average,
            examined: z.int(),
            passed: z.int(),
          }),
          behaviour: z.optional(
            z.object({
              kpi: z.object({
                id: KpiId,
                name: inBothLanguages(100),
                unit: z.enum(['deals', 'money', 'share', 'points', 'rating']),
                source: KpiSource,
              }),
              comparisonBasis: inBothLanguages(300),
              horizons: z
                .array(
                  z.object({
                    days: z.int(),
                    reached: z.boolean(),
                    trainees: Group,
                    comparison: Group,
                    /** The trainees' average change minus the comparison's. */
                    effect: Average,
                    people: z
                      .array(
                        z.object({
                          employeeId: EmployeeId,
                          name: upTo(100),
                          group: z.enum(['trainee', 'comparison']),
                          sessionId: SessionId,
                          anchor: CalendarDate,
                          window: z.object({
                            before: z.object({ from: CalendarDate, to: CalendarDate }),
                            after: z.object({ from: CalendarDate, to: CalendarDate }),
                          }),
                          before: Average,
                          after: Average,
                          change: Average,
                          /** The records each value counted (deal ids, notice ids, members). */
                          basis: z.object({
                            before: z.array(upTo(40)).check(z.maxLength(100)),
                            after: z.array(upTo(40)).check(z.maxLength(100)),
                          }),
                        }),
                      )
                      .check(z.maxLength(20_000)),
                  }),
                )
                .check(z.maxLength(3)),
            }),
          ),
        })
        .check(z.meta({ id: 'TrainingEffectiveness' })),
    },
  },
});

export const listEmployeeTrainingsRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/trainings',
  operationId: 'listEmployeeTrainings',
  summary: 'Someone’s enrolments, latest session first, with what came of them (the person, their line, HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(EnrolmentView) } },
});

export const programRoutes = [
  defineTrainingRoute,
  listTrainingsRoute,
  getTrainingRoute,
  scheduleSessionRoute,
  listSessionsRoute,
  getSessionRoute,
  enrolRoute,
  listEnrolmentsRoute,
  takeAttendanceRoute,
  recordResultsRoute,
  rateSessionRoute,
  getEffectivenessRoute,
  listEmployeeTrainingsRoute,
];
