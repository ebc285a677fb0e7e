import type { ImportKind } from '#domain/imports/index.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions } from '#wiring/api.ts';
import { importsApi } from '#wiring/imports.ts';
import { customerImportRoutes, employeeImportRoutes } from './routes.ts';

const jobs = importsApi();

/** A job, answered 202 with where to follow it when the request created it. */
const accepted = ({ job, created }: Awaited<ReturnType<typeof jobs.submit>>, base: string) => ({
  status: created ? 202 : 200,
  body: job,
  headers: { location: `${base}/${job.id}` },
});

const bindKind = (kind: ImportKind, routes: typeof employeeImportRoutes) => [
  bindRoute(routes.submit, async ({ principal, body, query }) =>
    accepted(await jobs.submit(principal, kind, { csv: body }, query.dryRun), routes.submit.path),
  ),
  bindRoute(routes.uploadLink, async ({ principal }) => ({
    status: 201,
    body: await jobs.uploadLink(principal, kind),
  })),
  bindRoute(routes.submitUpload, async ({ principal, params, query }) =>
    accepted(
      await jobs.submit(principal, kind, { uploadId: params.uploadId }, query.dryRun),
      routes.submit.path,
    ),
  ),
  bindRoute(routes.read, async ({ principal, params }) => ({
    status: 200,
    body: await jobs.read(principal, kind, params.jobId),
  })),
];

export const handler = httpApi(
  [...bindKind('employees', employeeImportRoutes), ...bindKind('customers', customerImportRoutes)],
  apiOptions(),
);
