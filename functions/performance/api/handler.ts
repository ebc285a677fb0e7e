import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { kpisApi, reviewCyclesApi, scoresApi, teamViewsApi } from '#wiring/performance.ts';
import {
  computeReviewCycleRoute,
  createReviewTemplateRoute,
  defineKpiRoute,
  getKpiRoute,
  getMentorEffectRoute,
  getReviewCycleRoute,
  getReviewRoute,
  getReviewTemplateRoute,
  getTeamIndependenceRoute,
  listEmployeeScoresRoute,
  listKpisRoute,
  listReviewCyclesRoute,
  listReviewsRoute,
  listReviewTemplatesRoute,
  openReviewCycleRoute,
  rateReviewRoute,
  releaseReviewCycleRoute,
  reviseReviewTemplateRoute,
} from './routes.ts';

const kpis = kpisApi();
const cycles = reviewCyclesApi();
const scores = scoresApi();
const teamViews = teamViewsApi();

export const handler = httpApi(
  [
    bindRoute(defineKpiRoute, async ({ principal, body }) => {
      const kpi = await forBody(() => kpis.define(principal, body));
      return { status: 201, body: kpi, headers: { location: `/v1/kpis/${kpi.id}` } };
    }),
    bindPagedRoute(listKpisRoute, cursors, ({ principal }, page) => kpis.list(principal, page)),
    bindRoute(getKpiRoute, async ({ principal, params }) => ({
      status: 200,
      body: await kpis.get(principal, params.id),
    })),
    bindRoute(createReviewTemplateRoute, async ({ principal, body }) => {
      const template = await forBody(() => kpis.createTemplate(principal, body));
      return {
        status: 201,
        body: template,
        headers: { etag: etagOf(template.version), location: `/v1/review-templates/${template.id}` },
      };
    }),
    bindPagedRoute(listReviewTemplatesRoute, cursors, ({ principal }, page) =>
      kpis.listTemplates(principal, page),
    ),
    bindRoute(getReviewTemplateRoute, async ({ principal, params, query }) => {
      const template = await forBody(() => kpis.getTemplate(principal, params.id, query.version), 'query');
      return { status: 200, body: template, headers: { etag: etagOf(template.version) } };
    }),
    bindRoute(reviseReviewTemplateRoute, async ({ principal, params, body, expectedVersion }) => {
      const template = await forBody(() => kpis.reviseTemplate(principal, params.id, body, expectedVersion));
      return { status: 200, body: template, headers: { etag: etagOf(template.version) } };
    }),
    bindRoute(openReviewCycleRoute, async ({ principal, body }) => {
      const cycle = await forBody(() => cycles.open(principal, body));
      return { status: 201, body: cycle, headers: { location: `/v1/review-cycles/${cycle.id}` } };
    }),
    bindPagedRoute(listReviewCyclesRoute, cursors, ({ principal }, page) => cycles.list(principal, page)),
    bindRoute(getReviewCycleRoute, async ({ principal, params }) => ({
      status: 200,
      body: await cycles.get(principal, params.id),
    })),
    bindPagedRoute(listReviewsRoute, cursors, ({ principal, params }, page) =>
      cycles.reviews(principal, params.id, page),
    ),
    bindRoute(getReviewRoute, async ({ principal, params }) => ({
      status: 200,
      body: await cycles.review(principal, params.id, params.reviewId),
    })),
    bindRoute(rateReviewRoute, async ({ principal, params, body }) => {
      const { rating, replaced } = await forBody(() =>
        cycles.rate(principal, params.id, params.reviewId, body),
      );
      return { status: replaced ? 200 : 201, body: rating };
    }),
    bindRoute(computeReviewCycleRoute, async ({ principal, params }) => ({
      status: 202,
      body: await cycles.requestComputation(principal, params.id),
    })),
    bindRoute(releaseReviewCycleRoute, async ({ principal, params }) => ({
      status: 200,
      body: await cycles.release(principal, params.id),
    })),
    bindPagedRoute(listEmployeeScoresRoute, cursors, ({ principal, params }, page) =>
      scores.of(principal, params.id, page),
    ),
    bindRoute(getTeamIndependenceRoute, async ({ principal, params, query }) => ({
      status: 200,
      body: await teamViews.independence(principal, params.id, query),
    })),
    bindRoute(getMentorEffectRoute, async ({ principal, params }) => ({
      status: 200,
      body: await teamViews.mentorEffect(principal, params.id),
    })),
  ],
  apiOptions(),
);
