import {
  AloneRule,
  Kpi,
  KpiId,
  NewKpi,
  NewRatings,
  NewReviewCycle,
  Participant,
  Rating,
  ReviewCycle,
  ReviewCycleId,
  ReviewResult,
  ReviewTemplate,
  ReviewTemplateId,
  ReviewTemplateInput,
} from '#domain/performance/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const tag = 'performance';
const KpiView = Kpi.check(z.meta({ id: 'Kpi' }));
const TemplateView = ReviewTemplate.check(z.meta({ id: 'ReviewTemplate' }));
const TemplateById = z.object({ id: ReviewTemplateId });

export const defineKpiRoute = defineRoute({
  method: 'POST',
  path: '/v1/kpis',
  operationId: 'defineKpi',
  summary:
    'Define a KPI (HR): computed from the records (deals closed alone, their revenue, a team’s share closing alone) or rated in reviews, with baseline, target, direction, window and cap',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewKpi.check(z.meta({ id: 'NewKpi' })),
  responses: { 201: { description: 'Defined', body: KpiView, headers: ['Location'] } },
});

export const listKpisRoute = defineRoute({
  method: 'GET',
  path: '/v1/kpis',
  operationId: 'listKpis',
  summary: 'Every KPI, oldest first (everyone: people see how they are measured)',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(KpiView) } },
});

export const getKpiRoute = defineRoute({
  method: 'GET',
  path: '/v1/kpis/{id}',
  operationId: 'getKpi',
  summary: 'One KPI',
  tag,
  auth: 'jwt',
  params: z.object({ id: KpiId }),
  responses: { 200: { description: 'The KPI', body: KpiView } },
});

export const createReviewTemplateRoute = defineRoute({
  method: 'POST',
  path: '/v1/review-templates',
  operationId: 'createReviewTemplate',
  problems: ['reference_not_found'],
  summary:
    'A review template (HR): KPIs and competencies whose weights total 100, for positions or departments; version 1',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: ReviewTemplateInput.check(z.meta({ id: 'ReviewTemplateInput' })),
  responses: { 201: { description: 'Created', body: TemplateView, headers: ['ETag', 'Location'] } },
});

export const listReviewTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/review-templates',
  operationId: 'listReviewTemplates',
  summary: 'Every review template at its newest version (everyone)',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(TemplateView) } },
});

export const getReviewTemplateRoute = defineRoute({
  method: 'GET',
  path: '/v1/review-templates/{id}',
  operationId: 'getReviewTemplate',
  summary: 'A review template: its newest version, or the one named (cycles keep the version they froze)',
  tag,
  auth: 'jwt',
  params: TemplateById,
  query: z.strictObject({
    version: z.optional(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(999_999)))),
  }),
  responses: { 200: { description: 'The template', body: TemplateView, headers: ['ETag'] } },
});

export const reviseReviewTemplateRoute = defineRoute({
  method: 'PUT',
  path: '/v1/review-templates/{id}',
  operationId: 'reviseReviewTemplate',
  problems: ['reference_not_found'],
  summary: 'The next version of a template (HR); cycles opened on an earlier one keep it',
  tag,
  auth: 'jwt',
  params: TemplateById,
  body: ReviewTemplateInput.check(z.meta({ id: 'ReviewTemplateInput' })),
  requiresIfMatch: true,
  responses: { 200: { description: 'The new version', body: TemplateView, headers: ['ETag'] } },
});

export const kpiRoutes = [defineKpiRoute, listKpisRoute, getKpiRoute];
export const reviewTemplateRoutes = [
  createReviewTemplateRoute,
  listReviewTemplatesRoute,
  getReviewTemplateRoute,
  reviseReviewTemplateRoute,
];

const CycleView = ReviewCycle.check(z.meta({ id: 'ReviewCycle' }));
const CycleById = z.object({ id: ReviewCycleId });
const ReviewPath = z.object({ id: ReviewCycleId, reviewId: EmployeeId });
const RatingView = Rating.check(z.meta({ id: 'Rating' }));
const Averages = z.record(z.string().check(z.maxLength(40)), z.number());

const ReviewView = z
  .object({
    cycleId: ReviewCycleId,
    /** The reviewee's employee id. */
    id: EmployeeId,
    ...Participant.shape,
    peers: z.optional(Participant.shape.peers),
    templateVersion: z.int().check(z.positive()),
    you: z.enum(['self', 'manager', 'peer', 'hr', 'line']),
    ratingsDue: ReviewCycle.shape.ratingsDue,
    ratings: z.object({
      self: z.optional(RatingView),
      manager: z.optional(RatingView),
      peers: z.object({
        raters: z.int().check(z.gte(0)),
        competencies: z.optional(Averages),
        kpis: z.optional(Averages),
      }),
      yours: z.optional(RatingView),
    }),
    /** The computed result with its receipts: HR and the line once computed, the reviewee once released. */
    result: z.optional(ReviewResult.check(z.meta({ id: 'ReviewResult' }))),
  })
  .check(z.meta({ id: 'Review' }));

export const openReviewCycleRoute = defineRoute({
  method: 'POST',
  path: '/v1/review-cycles',
  operationId: 'openReviewCycle',
  problems: ['reference_not_found', 'no_template_applies'],
  summary:
    'Open a review cycle (HR): its period, templates (each participant gets the first that applies, frozen at its version), participants and rating deadlines',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewReviewCycle.check(z.meta({ id: 'NewReviewCycle' })),
  responses: { 201: { description: 'Opened', body: CycleView, headers: ['Location'] } },
});

export const listReviewCyclesRoute = defineRoute({
  method: 'GET',
  path: '/v1/review-cycles',
  operationId: 'listReviewCycles',
  summary: 'Review cycles, latest period first',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(CycleView) } },
});

export const getReviewCycleRoute = defineRoute({
  method: 'GET',
  path: '/v1/review-cycles/{id}',
  operationId: 'getReviewCycle',
  summary: 'One review cycle, with the template versions and KPIs it froze',
  tag,
  auth: 'jwt',
  params: CycleById,
  responses: { 200: { description: 'The cycle', body: CycleView } },
});

export const listReviewsRoute = defineRoute({
  method: 'GET',
  path: '/v1/review-cycles/{id}/reviews',
  operationId: 'listReviews',
  summary:
    'The reviews the caller may see, by employee id: every one (HR), their reporting line’s, their own and those they rate; peers only as an average over three or more',
  tag,
  auth: 'jwt',
  params: CycleById,
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(ReviewView) } },
});

export const getReviewRoute = defineRoute({
  method: 'GET',
  path: '/v1/review-cycles/{id}/reviews/{reviewId}',
  operationId: 'getReview',
  summary: 'One review (its id is the reviewee’s employee id), as the caller may see it',
  tag,
  auth: 'jwt',
  params: ReviewPath,
  responses: { 200: { description: 'The review', body: ReviewView } },
});

export const rateReviewRoute = defineRoute({
  method: 'POST',
  path: '/v1/review-cycles/{id}/reviews/{reviewId}/ratings',
  operationId: 'rateReview',
  problems: ['ratings_closed'],
  summary:
    'Rate a review as its reviewee, their manager or a peer: every competency and rated KPI of the template, 1–5; again before the deadline replaces it',
  tag,
  auth: 'jwt',
  params: ReviewPath,
  body: NewRatings.check(z.meta({ id: 'NewRatings' })),
  responses: {
    200: { description: 'Replaced the caller’s earlier ratings', body: RatingView },
    201: { description: 'Rated', body: RatingView },
  },
});

export const computeReviewCycleRoute = defineRoute({
  method: 'POST',
  path: '/v1/review-cycles/{id}/computation',
  operationId: 'computeReviewCycle',
  problems: ['cycle_released'],
  // A retried request with its key answers as the first did, rather than starting another run.
  idempotent: true,
  summary:
    'Compute the cycle (HR): every KPI from the records as of the period’s end and every score, department by department, in the background; again for a new run until released',
  tag,
  auth: 'jwt',
  params: CycleById,
  responses: { 202: { description: 'Computing: the cycle says how its run ends', body: CycleView } },
});

export const releaseReviewCycleRoute = defineRoute({
  method: 'POST',
  path: '/v1/review-cycles/{id}/release',
  operationId: 'releaseReviewCycle',
  problems: ['cycle_not_computed'],
  summary: 'Release a computed cycle’s results (HR): each reviewee sees theirs; nothing is computed again',
  tag,
  auth: 'jwt',
  params: CycleById,
  responses: { 200: { description: 'Released', body: CycleView } },
});

const Differences = z
  .array(
    z.object({
      kpiId: KpiId,
      released: z.object({ actual: z.optional(z.number()), progress: z.optional(z.number()) }),
      now: z.object({ actual: z.optional(z.number()), progress: z.optional(z.number()) }),
      /** Records as `deal:<id>` or `member:<employee id>`. */
      recordsAdded: z.array(z.string().check(z.maxLength(60))).check(z.maxLength(2000)),
      recordsRemoved: z.array(z.string().check(z.maxLength(60))).check(z.maxLength(2000)),
      recordsCountedDifferently: z.array(z.string().check(z.maxLength(60))).check(z.maxLength(2000)),
    }),
  )
  .check(z.maxLength(30));

const ScoreView = z
  .object({
    cycleId: ReviewCycleId,
    cycleName: ReviewCycle.shape.name,
    period: ReviewCycle.shape.period,
    released: z.boolean(),
    releasedAt: z.optional(ReviewCycle.shape.openedAt),
    result: ReviewResult,
    /** For a released cycle: the same computation from today's records; released numbers never change. */
    recomputed: z.optional(
      z.object({
        at: ReviewCycle.shape.openedAt,
        score: z.optional(z.number()),
        same: z.boolean(),
        differences: Differences,
      }),
    ),
  })
  .check(z.meta({ id: 'EmployeeScore' }));

export const listEmployeeScoresRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/scores',
  operationId: 'listEmployeeScores',
  summary:
    'Someone’s review scores, latest period first, each with its receipts; a released one beside the same computation from today’s records (the employee: released; their line and HR: computed too)',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(ScoreView) } },
});

const Share = z.number().check(z.gte(0), z.lte(1));

const IndependenceView = z
  .object({
    leadId: EmployeeId,
    asOf: ReviewCycle.shape.period.shape.end,
    rule: z.object({ alone: AloneRule, minDeals: z.int() }),
    from: ReviewCycle.shape.period.shape.start,
    to: ReviewCycle.shape.period.shape.end,
    months: z
      .array(
        z.object({
          month: z.string().check(z.maxLength(7)),
          members: z.int(),
          closingAlone: z.int(),
          share: Share,
        }),
      )
      .check(z.maxLength(36)),
    members: z
      .array(
        z.object({
          employeeId: EmployeeId,
          name: z.string().check(z.maxLength(100)),
          won: z.int(),
          closedAlone: z.int(),
          assisted: z.int(),
          helpers: z.array(z.object({ employeeId: EmployeeId, deals: z.int() })).check(z.maxLength(100)),
          mostlyDependsOn: z.optional(z.object({ employeeId: EmployeeId, share: Share })),
        }),
      )
      .check(z.maxLength(1000)),
    cycles: z
      .array(
        z.object({
          cycleId: ReviewCycleId,
          name: ReviewCycle.shape.name,
          period: ReviewCycle.shape.period,
          kpiId: KpiId,
          share: Share,
          baseline: z.number(),
          target: z.number(),
          progress: z.optional(z.number()),
        }),
      )
      .check(z.maxLength(200)),
  })
  .check(z.meta({ id: 'TeamIndependence' }));

export const getTeamIndependenceRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/team-independence',
  operationId: 'getTeamIndependence',
  summary:
    'A lead’s team independence: the share of members closing at least `minDeals` alone, month by month and per released cycle, and per member deals alone against assisted and whom they mostly depend on (the lead, their line, HR)',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  query: z.strictObject({
    months: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(36))), 12),
    minDeals: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(100))), 1),
    alone: z._default(AloneRule, 'no_lead_or_mentor'),
  }),
  responses: { 200: { description: 'The view', body: IndependenceView } },
});

const Change = z.object({ before: z.number(), latest: z.number(), change: z.number() });
/** What the mentoring programme logged (sessions) and the mentee's skills that moved since it began. */
const Programme = z.object({
  sessions: z.int(),
  minutes: z.int(),
  lastSessionOn: z.optional(ReviewCycle.shape.period.shape.start),
  skills: z
    .array(
      z.object({
        skillId: z.string().check(z.maxLength(40)),
        from: z.int().check(z.gte(0), z.lte(5)),
        to: z.int().check(z.gte(1), z.lte(5)),
      }),
    )
    .check(z.maxLength(500)),
  skillLevelsGained: z.int(),
});
const MentorEffectView = z
  .object({
    mentorId: EmployeeId,
    mentees: z
      .array(
        z.object({
          menteeId: EmployeeId,
          since: ReviewCycle.shape.period.shape.start,
          compared: z.boolean(),
          beforeCycleId: z.optional(ReviewCycleId),
          latestCycleId: z.optional(ReviewCycleId),
          scoreChange: z.optional(z.number()),
          kpis: z.optional(z.array(z.object({ kpiId: KpiId, ...Change.shape })).check(z.maxLength(30))),
          competencies: z.optional(
            z
              .array(z.object({ key: z.string().check(z.maxLength(40)), ...Change.shape }))
              .check(z.maxLength(20)),
          ),
          programme: z.optional(Programme),
        }),
      )
      .check(z.maxLength(1000)),
    /** Mentees with a released cycle before the mentoring and one since. */
    compared: z.int(),
    /** At least three compared: the effect may be scored; fewer, it is shown only. */
    scored: z.boolean(),
    average: z.object({
      scoreChange: z.optional(z.number()),
      kpis: z.array(z.object({ kpiId: KpiId, change: z.number(), mentees: z.int() })).check(z.maxLength(30)),
      competencies: z
        .array(z.object({ key: z.string().check(z.maxLength(40)), change: z.number(), mentees: z.int() }))
        .check(z.maxLength(20)),
    }),
    programme: z.object({
      menteesWithSessions: z.int(),
      sessions: z.int(),
      minutes: z.int(),
      /** Averaged over every mentee (absent with none). */
      skillLevelsGained: z.optional(z.number()),
    }),
  })
  .check(z.meta({ id: 'MentorEffect' }));

export const getMentorEffectRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/mentor-effect',
  operationId: 'getMentorEffect',
  summary:
    'A mentor’s effect: each mentee’s change in score, KPI progress and competency ratings between the released cycle before the mentoring and the latest one, and the average (scored with three or more); beside it, the sessions logged and the skill levels each mentee gained',
  tag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  responses: { 200: { description: 'The effect', body: MentorEffectView } },
});

export const reviewCycleRoutes = [
  getTeamIndependenceRoute,
  getMentorEffectRoute,
  listEmployeeScoresRoute,
  computeReviewCycleRoute,
  releaseReviewCycleRoute,
  openReviewCycleRoute,
  listReviewCyclesRoute,
  getReviewCycleRoute,
  listReviewsRoute,
  getReviewRoute,
  rateReviewRoute,
];
