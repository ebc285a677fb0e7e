import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { mentorshipsApi, referralTree, riskApi } from '#wiring/risk.ts';
import {
  endMentorshipRoute,
  getDepartmentGraphRoute,
  getDepartmentRiskRoute,
  getEmployeeRiskRoute,
  getMentorshipRoute,
  getProfileRoute,
  getReferralTreeRoute,
  getRiskWeightsRoute,
  listMentorshipsRoute,
  listRiskSnapshotsRoute,
  setRiskWeightsRoute,
  simulateDepartureRoute,
  startMentorshipRoute,
} from './routes.ts';

const mentorships = mentorshipsApi();
const referrals = referralTree();
const { assessments, simulations, weights, snapshots, profiles } = riskApi();

export const handler = httpApi(
  [
    bindRoute(startMentorshipRoute, async ({ principal, body }) => {
      const started = await forBody(() => mentorships.start(principal, body));
      return {
        status: 201,
        body: started,
        headers: { etag: etagOf(started.version), location: `/v1/mentorships/${started.id}` },
      };
    }),
    bindPagedRoute(listMentorshipsRoute, cursors, ({ principal, query }, page) => {
      const { limit: _l, cursor: _c, ...filter } = query;
      return mentorships.list(principal, filter, page);
    }),
    bindRoute(getMentorshipRoute, async ({ principal, params }) => {
      const m = await mentorships.get(principal, params.id);
      return { status: 200, body: m, headers: { etag: etagOf(m.version) } };
    }),
    bindRoute(endMentorshipRoute, async ({ principal, params, body, expectedVersion }) => {
      const ended = await forBody(() => mentorships.end(principal, params.id, body, expectedVersion));
      return { status: 200, body: ended, headers: { etag: etagOf(ended.version) } };
    }),
    bindRoute(getReferralTreeRoute, async ({ principal, params }) => ({
      status: 200,
      body: await referrals(principal, params.id),
    })),
    bindRoute(getDepartmentRiskRoute, async ({ principal, params, query }) => {
      const { knowledge, ...options } = query;
      const { assessedCustomers, ...team } = await forBody(
        () => assessments.department(principal, params.id, options),
        'query',
      );
      return {
        status: 200,
        body: { ...team, ...(knowledge === 'true' ? { knowledge: assessedCustomers } : {}) },
      };
    }),
    bindRoute(getDepartmentGraphRoute, async ({ principal, params, query }) => ({
      status: 200,
      text: await forBody(() => assessments.graph(principal, params.id, query), 'query'),
      headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, max-age=60' },
    })),
    bindPagedRoute(listRiskSnapshotsRoute, cursors, ({ principal, params }, page) =>
      snapshots.list(principal, params.id, page),
    ),
    bindRoute(getEmployeeRiskRoute, async ({ principal, params, query }) => {
      const { risk, team, customers } = await forBody(
        () => assessments.employee(principal, params.id, query),
        'query',
      );
      return { status: 200, body: { ...risk, team, knowledge: customers } };
    }),
    bindRoute(simulateDepartureRoute, async ({ principal, body }) => ({
      status: 200,
      body: await forBody(() => simulations.simulate(principal, body)),
    })),
    bindRoute(getRiskWeightsRoute, async ({ principal, query }) => {
      const w = await forBody(() => weights.get(principal, query.version), 'query');
      return { status: 200, body: w, headers: { etag: etagOf(w.version) } };
    }),
    bindRoute(setRiskWeightsRoute, async ({ principal, body, expectedVersion }) => {
      const { reason, ...input } = body;
      const w = await forBody(() => weights.set(principal, input, reason, expectedVersion));
      return { status: 200, body: w, headers: { etag: etagOf(w.version) } };
    }),
    bindRoute(getProfileRoute, async ({ principal, params }) => ({
      status: 200,
      body: await profiles(principal, params.id),
    })),
  ],
  apiOptions(),
);
