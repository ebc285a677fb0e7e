import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { accessDenials, evidenceApi } from '#wiring/evidence.ts';
import { listAccessDenialsRoute, listEvidenceRoute } from './routes.ts';

const readEvidence = evidenceApi();

export const handler = httpApi(
  [
    bindPagedRoute(listEvidenceRoute, cursors, ({ principal, query }, page) => {
      const { limit: _l, cursor: _c, ...filter } = query;
      return readEvidence(principal, filter, page);
    }),
    bindPagedRoute(listAccessDenialsRoute, cursors, ({ principal, query }, page) => {
      const { limit: _l, cursor: _c, ...filter } = query;
      return accessDenials().list(principal, filter, page);
    }),
  ],
  apiOptions(),
);
