import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { evidenceApi } from '#wiring/evidence.ts';
import { listEvidenceRoute } from './routes.ts';

const readEvidence = evidenceApi();

export const handler = httpApi(
  [
    bindPagedRoute(listEvidenceRoute, cursors, ({ principal, query }, page) => {
      const { limit: _l, cursor: _c, ...filter } = query;
      return readEvidence(principal, filter, page);
    }),
  ],
  apiOptions(),
);
