import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { mentorshipsApi, referralTree } from '#wiring/risk.ts';
import {
  endMentorshipRoute,
  getMentorshipRoute,
  getReferralTreeRoute,
  listMentorshipsRoute,
  startMentorshipRoute,
} from './routes.ts';

const mentorships = mentorshipsApi();
const referrals = referralTree();

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
  ],
  apiOptions(),
);
