import { MentorshipId, MentorshipStatus } from '#domain/risk/index.ts';
import {
  MentoringGoal,
  MentoringSession,
  NewMentoringGoal,
  NewMentoringSession,
  SkillId,
  SkillLevel,
} from '#domain/training/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { EvidenceView } from './routes.ts';

const tag = 'mentorships';
const ById = z.object({ id: MentorshipId });
const GoalView = MentoringGoal.check(z.meta({ id: 'MentoringGoal' }));
const SessionView = MentoringSession.check(z.meta({ id: 'MentoringSession' }));
const Window = z.object({ from: CalendarDate, to: CalendarDate, value: z.optional(z.number()) });

export const addMentoringGoalRoute = defineRoute({
  method: 'POST',
  path: '/v1/mentorships/{id}/goals',
  operationId: 'addMentoringGoal',
  problems: ['reference_not_found', 'mentorship_ended', 'mentoring_goals_full'],
  summary:
    'Add a goal to an active mentorship: a skill at a level, a KPI (with a value to reach), a due day (HR, mentor, mentee, the mentee’s managers)',
  tag,
  auth: 'jwt',
  params: ById,
  idempotent: true,
  body: NewMentoringGoal.check(z.meta({ id: 'NewMentoringGoal' })),
  responses: { 201: { description: 'Added', body: GoalView } },
});

export const logMentoringSessionRoute = defineRoute({
  method: 'POST',
  path: '/v1/mentorships/{id}/sessions',
  operationId: 'logMentoringSession',
  problems: ['reference_not_found'],
  summary:
    'Log a meeting of mentor and mentee on a day the mentoring ran, up to today, with the goals it worked on (HR, mentor, mentee)',
  tag,
  auth: 'jwt',
  params: ById,
  idempotent: true,
  body: NewMentoringSession.check(z.meta({ id: 'NewMentoringSession' })),
  responses: { 201: { description: 'Logged', body: SessionView } },
});

export const listMentoringSessionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/mentorships/{id}/sessions',
  operationId: 'listMentoringSessions',
  summary: 'A mentorship’s logged sessions, latest day first (whoever may see the mentorship)',
  tag,
  auth: 'jwt',
  params: ById,
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(SessionView) } },
});

const SkillChange = z.object({
  skillId: SkillId,
  /** 0 when nothing showed it before the mentoring. */
  from: z.int().check(z.gte(0), z.lte(5)),
  to: SkillLevel,
  change: z.int().check(z.gte(-5), z.lte(5)),
  basis: z.object({ from: z.optional(EvidenceView), to: EvidenceView }),
});

export const getMentoringProgressRoute = defineRoute({
  method: 'GET',
  path: '/v1/mentorships/{id}/progress',
  operationId: 'getMentoringProgress',
  summary:
    'What the records show of a mentorship: sessions, each goal met, open or overdue with its numbers (the mentee’s evidenced level; the KPI over the same days before and since), and every skill of the mentee that moved',
  tag,
  auth: 'jwt',
  params: ById,
  responses: {
    200: {
      description: 'The progress',
      body: z
        .object({
          mentorshipId: MentorshipId,
          mentorId: EmployeeId,
          menteeId: EmployeeId,
          since: CalendarDate,
          until: z.optional(CalendarDate),
          status: MentorshipStatus,
          asOf: CalendarDate,
          sessions: z.object({
            count: z.int(),
            minutes: z.int(),
            firstOn: z.optional(CalendarDate),
            lastOn: z.optional(CalendarDate),
          }),
          goals: z
            .array(
              z.object({
                ...MentoringGoal.shape,
                status: z.enum(['met', 'open', 'overdue']),
                /** Sessions that named it. */
                sessions: z.int(),
                skill: z.optional(
                  z.object({ level: z.int().check(z.gte(0), z.lte(5)), basis: z.optional(EvidenceView) }),
                ),
                kpi: z.optional(
                  z.object({
                    /** Each window's length: up to 90 days, at most the days the mentoring has run. */
                    days: z.int().check(z.gte(1), z.lte(90)),
                    before: Window,
                    since: Window,
                    change: z.optional(z.number()),
                  }),
                ),
              }),
            )
            .check(z.maxLength(20)),
          skills: z.array(SkillChange).check(z.maxLength(500)),
          skillLevelsGained: z.int(),
        })
        .check(z.meta({ id: 'MentoringProgress' })),
    },
  },
});

export const mentoringRoutes = [
  addMentoringGoalRoute,
  logMentoringSessionRoute,
  listMentoringSessionsRoute,
  getMentoringProgressRoute,
];
