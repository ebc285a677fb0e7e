import { ImportJob, ImportJobId, type ImportKind, UploadId } from '#domain/imports/index.ts';
import { defineRoute } from '#http/route.ts';
import { Timestamp } from '#kernel/ids.ts';
import { Link } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** The job as stored, and the link to its error report when it was refused. */
const ImportJobView = z
  .object({
    ...ImportJob.shape,
    errorReport: z.optional(
      Link.check(z.describe('A 5-minute link to the CSV of every problem: line, column, message')),
    ),
  })
  .check(z.meta({ id: 'ImportJob' }));

const DryRun = z.strictObject({
  dryRun: z._default(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    ),
    false,
  ),
});

const UploadLink = z
  .object({
    uploadId: UploadId,
    method: z.literal('PUT'),
    contentType: z.literal('text/csv'),
    url: Link,
    expiresAt: Timestamp,
  })
  .check(z.meta({ id: 'ImportUploadLink' }));

const described = {
  employees: {
    path: '/v1/employees/imports',
    name: 'Employees',
    summary: 'Onboard existing staff from CSV, as a job: every row checked first, all or nothing',
    columns:
      'id, name, workEmail, phone, departmentId, position, managerId, hireDate, hireChannel, referrerId, site, timeZone, locale, keyPosition, roles (separated by |)',
  },
  customers: {
    path: '/v1/customers/imports',
    name: 'Customers',
    summary: 'Import the customer book from CSV, as a job (owner by employee id): all rows valid, or nothing',
    columns: 'id (optional), name, industry, region, tier, ownerId, preferences, tags (separated by |)',
  },
} as const;

/** The routes of one kind of import: send a file (or an uploaded one), get an upload link, read a job. */
function importRoutes(kind: ImportKind) {
  const { path, name, summary, columns } = described[kind];
  const accepted = {
    200: {
      description: 'This file already has its job (sending it again resumes one that failed)',
      body: ImportJobView,
    },
    202: {
      description: 'The job, queued; GET its Location to follow it',
      body: ImportJobView,
      headers: ['Location'],
    },
  } as const;
  return {
    submit: defineRoute({
      method: 'POST',
      path,
      operationId: `import${name}`,
      summary,
      tag: 'imports',
      auth: 'jwt',
      query: DryRun,
      rawBody: {
        contentTypes: ['text/csv'],
        description: `UTF-8 CSV with a header row; the columns: ${columns}`,
      },
      maxBodyBytes: 5 * 1024 * 1024,
      responses: accepted,
    }),
    uploadLink: defineRoute({
      method: 'POST',
      path: `${path}/uploads`,
      operationId: `upload${name}Import`,
      summary: 'A link to PUT a file too large for a request (15 minutes); then POST …/uploads/{uploadId}',
      tag: 'imports',
      auth: 'jwt',
      responses: { 201: { description: 'Where to upload the file', body: UploadLink } },
    }),
    submitUpload: defineRoute({
      method: 'POST',
      path: `${path}/uploads/{uploadId}`,
      operationId: `importUploaded${name}`,
      problems: ['file_too_large'],
      summary: 'Import a file uploaded through its link, as a job',
      tag: 'imports',
      auth: 'jwt',
      params: z.object({ uploadId: UploadId }),
      query: DryRun,
      responses: accepted,
    }),
    read: defineRoute({
      method: 'GET',
      path: `${path}/{jobId}`,
      operationId: `get${name}Import`,
      summary: 'An import job: its status, rows done and failed, and a link to its error report',
      tag: 'imports',
      auth: 'jwt',
      params: z.object({ jobId: ImportJobId }),
      responses: { 200: { description: 'The job', body: ImportJobView } },
    }),
  };
}

export const employeeImportRoutes = importRoutes('employees');
export const customerImportRoutes = importRoutes('customers');

export const importsRoutes = [employeeImportRoutes, customerImportRoutes].flatMap((r) => [
  r.submit,
  r.uploadLink,
  r.submitUpload,
  r.read,
]);
