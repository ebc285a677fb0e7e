import {
  Kpi,
  KpiId,
  NewKpi,
  ReviewTemplate,
  ReviewTemplateId,
  ReviewTemplateInput,
} from '#domain/performance/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
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
