import { reportHtml } from '#domain/succession/index.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { successionApi } from '#wiring/succession.ts';
import {
  flagKeyPositionRoute,
  getKeyPositionRoute,
  getSuccessionReportRoute,
  listCandidatesRoute,
  listKeyPositionsRoute,
  listSuggestionsRoute,
  nominateCandidateRoute,
  ratePotentialRoute,
  setPlanRoute,
} from './routes.ts';

const succession = successionApi();

export const handler = httpApi(
  [
    bindRoute(flagKeyPositionRoute, async ({ principal, body }) => {
      const kp = await forBody(() => succession.flag(principal, body));
      return { status: 201, body: kp, headers: { location: `/v1/key-positions/${kp.id}` } };
    }),
    bindPagedRoute(listKeyPositionsRoute, cursors, ({ principal }, page) => succession.list(principal, page)),
    bindRoute(getKeyPositionRoute, async ({ principal, params }) => ({
      status: 200,
      body: await succession.get(principal, params.id),
    })),
    bindRoute(nominateCandidateRoute, async ({ principal, params, body }) => {
      const { candidate, created } = await forBody(() => succession.nominate(principal, params.id, body));
      return { status: created ? 201 : 200, body: candidate };
    }),
    bindRoute(listCandidatesRoute, async ({ principal, params }) => ({
      status: 200,
      body: await succession.candidates(principal, params.id),
    })),
    bindRoute(setPlanRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => succession.plan(principal, params.id, body)),
    })),
    bindRoute(ratePotentialRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await succession.ratePotential(principal, params.id, params.employeeId, body.rating),
    })),
    bindRoute(getSuccessionReportRoute, async ({ principal, query }) => {
      const report = await forBody(() => succession.report(principal, query.keyPositionId), 'query');
      return query.format === 'html'
        ? {
            status: 200,
            text: reportHtml(report),
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' },
          }
        : { status: 200, body: report };
    }),
    bindRoute(listSuggestionsRoute, async ({ principal }) => ({
      status: 200,
      body: await succession.suggestions(principal),
    })),
  ],
  apiOptions(),
);
