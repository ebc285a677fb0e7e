import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { backupsApi } from '#wiring/backups.ts';
import { listBackupsRoute, requestBackupRoute } from './routes.ts';

const backups = backupsApi();

export const handler = httpApi(
  [
    bindRoute(requestBackupRoute, async ({ principal }) => ({
      status: 202,
      body: await backups.request(principal),
    })),
    bindPagedRoute(listBackupsRoute, cursors, ({ principal }, page) => backups.list(principal, page)),
  ],
  apiOptions(),
);
