import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { kpisApi } from '#wiring/performance.ts';
import {
  createReviewTemplateRoute,
  defineKpiRoute,
  getKpiRoute,
  getReviewTemplateRoute,
  listKpisRoute,
  listReviewTemplatesRoute,
  reviseReviewTemplateRoute,
} from './routes.ts';

const kpis = kpisApi();

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
  ],
  apiOptions(),
);
