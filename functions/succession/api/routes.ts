import {
  Candidate,
  CriterionKeyView,
  KeyPosition,
  KeyPositionId,
  NewKeyPosition,
  NewPlanItem,
} from '#domain/succession/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, EmployeeId } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const tag = 'succession';
const KeyPositionView = KeyPosition.check(z.meta({ id: 'KeyPosition' }));
const CandidateView = Candidate.check(z.meta({ id: 'SuccessionCandidate' }));
const ById = z.object({ id: KeyPositionId });
const Words = inBothLanguages(300);
const Band = z.enum(['low', 'medium', 'high']);
/** Performance (latest released score) × potential (the management chain's rating): box 1–9. */
const NineBox = z.object({
  performance: z.optional(Band),
  potential: z.optional(Band),
  box: z.optional(z.int().check(z.gte(1), z.lte(9))),
});

/** A candidate's readiness as computed on read, with each criterion and its reason. */
export const ReadinessView = z
  .object({
    status: z.enum(['ready_now', 'ready_in_months', 'not_yet']),
    months: z.optional(z.int()),
    label: Words,
    because: z.array(CriterionKeyView).check(z.maxLength(5)),
    criteria: z
      .array(
        z.object({
          key: CriterionKeyView,
          met: z.boolean(),
          actual: z.number(),
          required: z.number(),
          projectedMonths: z.optional(z.int()),
          perMonth: z.optional(z.number()),
          reason: Words,
        }),
      )
      .check(z.maxLength(5)),
    asOf: CalendarDate,
  })
  .check(z.meta({ id: 'Readiness' }));

export const flagKeyPositionRoute = defineRoute({
  method: 'POST',
  path: '/v1/key-positions',
  operationId: 'flagKeyPosition',
  problems: ['reference_not_found'],
  summary:
    'Flag a key position (HR): the job title, its department and incumbent, and what a successor must show (score, programs, key accounts met together, months in role)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewKeyPosition.check(z.meta({ id: 'NewKeyPosition' })),
  responses: { 201: { description: 'Flagged', body: KeyPositionView, headers: ['Location'] } },
});

export const listKeyPositionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/key-positions',
  operationId: 'listKeyPositions',
  summary: 'Key positions, oldest first (HR)',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(KeyPositionView) } },
});

export const getKeyPositionRoute = defineRoute({
  method: 'GET',
  path: '/v1/key-positions/{id}',
  operationId: 'getKeyPosition',
  summary: 'One key position (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The key position', body: KeyPositionView } },
});

export const nominateCandidateRoute = defineRoute({
  method: 'POST',
  path: '/v1/key-positions/{id}/candidates',
  operationId: 'nominateSuccessionCandidate',
  problems: ['reference_not_found', 'candidate_is_incumbent'],
  summary:
    'Nominate a candidate (HR), with the day they took their current role (their hire date without it); again changes nothing (200)',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ employeeId: EmployeeId, inRoleSince: z.optional(CalendarDate) }),
  responses: {
    200: { description: 'A candidate already', body: CandidateView },
    201: { description: 'Nominated', body: CandidateView },
  },
});

export const listCandidatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/key-positions/{id}/candidates',
  operationId: 'listSuccessionCandidates',
  summary:
    'The candidates, the readiest first, each with readiness computed from the records now: ready now, ready in about N months (the slowest unmet criterion at its pace) or not yet, with the reasons (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: {
    200: {
      description: 'The candidates and their readiness',
      body: z
        .object({
          keyPosition: KeyPositionView,
          asOf: CalendarDate,
          candidates: z
            .array(
              z.object({
                ...Candidate.shape,
                name: upTo(100),
                position: upTo(100),
                latestScore: z.optional(z.number()),
                completedTrainings: z.array(upTo(40)).check(z.maxLength(100)),
                nineBox: NineBox,
                readiness: ReadinessView,
              }),
            )
            .check(z.maxLength(200)),
        })
        .check(z.meta({ id: 'SuccessionCandidates' })),
    },
  },
});

export const setPlanRoute = defineRoute({
  method: 'POST',
  path: '/v1/key-positions/{id}/plans',
  operationId: 'setDevelopmentPlan',
  problems: ['reference_not_found'],
  summary:
    'Set a candidate’s development plan as a whole (HR): rotations, projects, mentors and programs, each with owner, due day and status',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ employeeId: EmployeeId, items: z.array(NewPlanItem).check(z.maxLength(50)) }),
  responses: { 200: { description: 'The candidate with the plan', body: CandidateView } },
});

export const ratePotentialRoute = defineRoute({
  method: 'POST',
  path: '/v1/key-positions/{id}/candidates/{employeeId}/potential',
  operationId: 'rateCandidatePotential',
  summary:
    'Rate the potential seen in a candidate, 1 (low) to 3 (high): their management chain or HR; the 9-box’s other axis. Again replaces it',
  tag,
  auth: 'jwt',
  params: z.object({ id: KeyPositionId, employeeId: EmployeeId }),
  body: z.strictObject({ rating: z.int().check(z.gte(1), z.lte(3)) }),
  responses: { 200: { description: 'Rated', body: CandidateView } },
});

const ReportCandidateView = z.object({
  employeeId: EmployeeId,
  name: upTo(100),
  position: upTo(100),
  latestScore: z.optional(z.number()),
  completedTrainings: z.array(inBothLanguages(100)).check(z.maxLength(100)),
  potential: z.optional(z.int()),
  readiness: ReadinessView,
  nineBox: NineBox,
  /** "Zhang San, Sales Supervisor, score 90, completed Key-account management, ready in about 6 months". */
  line: inBothLanguages(1000),
});

export const SuccessionReportView = z
  .object({
    asOf: CalendarDate,
    coverage: z.object({
      keyPositions: z.int(),
      withReadyNow: z.int(),
      withTwoSuccessors: z.int(),
      /** Both: at least one ready now and two who are or will be. */
      covered: z.int(),
      share: z.number(),
    }),
    positions: z
      .array(
        z.object({
          keyPositionId: KeyPositionId,
          position: upTo(100),
          departmentId: upTo(40),
          incumbent: z.object({ employeeId: EmployeeId, name: upTo(100) }),
          covered: z.boolean(),
          candidates: z.array(ReportCandidateView).check(z.maxLength(200)),
        }),
      )
      .check(z.maxLength(5000)),
  })
  .check(z.meta({ id: 'SuccessionReport' }));

export const getSuccessionReportRoute = defineRoute({
  method: 'GET',
  path: '/v1/succession/report',
  operationId: 'getSuccessionReport',
  summary:
    'The succession report (HR), company-wide or for one key position: coverage, and each position’s candidates with their readiness, reasons and 9-box; JSON, or with format=html a page in both languages',
  tag,
  auth: 'jwt',
  query: z.strictObject({
    keyPositionId: z.optional(KeyPositionId),
    format: z._default(z.enum(['json', 'html']), 'json'),
  }),
  responses: {
    200: {
      description: 'The report',
      body: SuccessionReportView,
      mediaTypes: ['text/html'],
    },
  },
});

export const listSuggestionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/succession/suggestions',
  operationId: 'listSuggestedKeyPositions',
  summary:
    'Key positions the product suggests (HR): people on whom their team’s latest daily risk snapshot raised an alert (risk score, or revenue nobody else knows) and who hold no key position yet, highest score first, with the alerts behind it',
  tag,
  auth: 'jwt',
  responses: {
    200: {
      description: 'The suggestions',
      body: z
        .object({
          asOf: CalendarDate,
          /** Departments the daily job has not assessed yet: nothing is suggested for them. */
          departmentsWithoutSnapshot: z.int(),
          suggestions: z
            .array(
              z.object({
                employeeId: EmployeeId,
                name: upTo(100),
                position: upTo(100),
                departmentId: upTo(40),
                asOf: CalendarDate,
                score: z.number(),
                revenueAloneShare: z.number(),
                keyAccountsAloneShare: z.number(),
                alerts: z
                  .array(
                    z.object({
                      kind: z.enum(['alone_revenue', 'score']),
                      value: z.number(),
                      threshold: z.number(),
                    }),
                  )
                  .check(z.maxLength(2)),
              }),
            )
            .check(z.maxLength(10_000)),
        })
        .check(z.meta({ id: 'KeyPositionSuggestions' })),
    },
  },
});

export const successionRoutes = [
  flagKeyPositionRoute,
  listKeyPositionsRoute,
  getKeyPositionRoute,
  nominateCandidateRoute,
  listCandidatesRoute,
  setPlanRoute,
  ratePotentialRoute,
  getSuccessionReportRoute,
  listSuggestionsRoute,
];
