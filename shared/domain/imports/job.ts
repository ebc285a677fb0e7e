import { createHash } from 'node:crypto';
import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import type { Principal } from '#kernel/principal.ts';
import { Sha256Hex, upTo } from '#kernel/text.ts';
import type { PreparedChange, PreparedWrite } from '#kernel/writes.ts';
import * as z from '#kernel/zod.ts';
import type { Permission } from '../permissions.ts';

/**
 * Imports as jobs: a CSV file (sent in the request, or uploaded to the bucket through a pre-signed
 * link) becomes a job that a background function runs: every row is checked first (all-or-nothing,
 * or only that with `dryRun`), then the rows are written in chunks, each committed together with
 * the job's checkpoint, so a run that stops anywhere continues from the last chunk written.
 *
 * Items (table Hr):  pk = IMPORT#<jobId>  sk = JOB      the job, its status and checkpoint
 * Objects (reports bucket):
 *   imports/uploads/<uploadId>.csv    a file uploaded through a pre-signed link
 *   imports/<jobId>/file.csv          the job's file, as received
 *   imports/<jobId>/plan.json         the plan: its pages, in order, with their hashes
 *   imports/<jobId>/plan/<page>.json.gz  the rows to write, 20 chunks a page (checked once, then followed)
 *   imports/<jobId>/errors.csv        the error report: line, column, message
 */
export const ImportKind = z.enum(['employees', 'customers']);
export type ImportKind = z.infer<typeof ImportKind>;

/**
 * queued → validating → importing → completed; refused when a row is not valid (nothing written);
 * validated for a dry run that found nothing wrong; failed when the run broke (the reason says why;
 * sending the same file again resumes it from its checkpoint).
 */
export const ImportStatus = z.enum([
  'queued',
  'validating',
  'importing',
  'completed',
  'validated',
  'refused',
  'failed',
]);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportJobId = z
  .string()
  .check(z.regex(/^IMP[0-9a-f]{20}$/, 'An import job id like IMP0123456789abcdef0123'));

/** The largest file an import takes (uploaded through a link; a request body takes 5 MiB). */
export const maxImportBytes = 100 * 1024 * 1024;
/** Every row ends with a newline, so a file holds at most this many. */
const maxRows = maxImportBytes;

export const ImportIssue = z.object({
  line: z.int().check(z.gte(0), z.lte(maxRows + 1)),
  column: upTo(100),
  message: upTo(500),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportJob = z.object({
  id: ImportJobId,
  kind: ImportKind,
  dryRun: z.boolean(),
  status: ImportStatus,
  fileSha256: Sha256Hex,
  fileBytes: z.int().check(z.gte(0), z.lte(maxImportBytes)),
  requestedBy: EmployeeId,
  requestedAt: Timestamp,
  updatedAt: Timestamp,
  rows: z.optional(
    z.int().check(z.gte(0), z.lte(maxRows), z.describe('Data rows in the file, once it is read')),
  ),
  rowsDone: z
    .int()
    .check(
      z.gte(0),
      z.lte(maxRows),
      z.describe('Rows written or found unchanged so far: where a run continues'),
    ),
  rowsFailed: z
    .int()
    .check(z.gte(0), z.lte(maxRows), z.describe('Rows with at least one problem (the file was refused)')),
  created: z.int().check(z.gte(0), z.lte(maxRows)),
  unchanged: z.int().check(z.gte(0), z.lte(maxRows)),
  issues: z
    .array(ImportIssue)
    .check(z.maxLength(20), z.describe('The first 20 problems; the error report has all of them')),
  error: z.optional(upTo(2000).check(z.describe('Why the run failed; send the same file again to resume'))),
  finishedAt: z.optional(Timestamp),
  importingSince: z.optional(
    Timestamp.check(z.describe('When writing began: the creation time of every row the job writes')),
  ),
  version: z.int().check(z.positive()),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** A field problem named `line <n>.<column>` (as the CSV readers name them) as an import issue. */
export function importIssueOf({ field, message }: { field: string; message: string }): ImportIssue {
  const named = /^line (\d+)\.(.*)$/.exec(field);
  return named
    ? { line: Number(named[1]), column: named[2] ?? '', message }
    : { line: 0, column: field, message };
}

/** DynamoDB commits at most 100 items together; one goes to the job's record of the chunk. */
export const maxWritesPerChunk = 99;

/**
 * Planned rows, in their order, in chunks as large as one transaction takes: at most `largest` rows,
 * and no more writes than a chunk may have (`writesOf` counts a candidate chunk's writes). Made as the
 * rows come, so a plan need never hold all of them.
 */
export function* chunksThatFit<R>(
  rows: Iterable<R>,
  largest: number,
  writesOf: (chunk: readonly R[]) => number,
): Generator<R[]> {
  let pending: R[] = [];
  const take = () => {
    let size = Math.min(largest, pending.length);
    while (size > 1 && writesOf(pending.slice(0, size)) > maxWritesPerChunk) size -= 1;
    const chunk = pending.slice(0, size);
    pending = pending.slice(size);
    return chunk;
  };
  for (const row of rows) {
    pending.push(row);
    if (pending.length >= largest) yield take();
  }
  while (pending.length > 0) yield take();
}

/** Rows of the file looked up in the store at once while it is read. */
export const lookupBatch = 1000;

/**
 * Rows gathered as the file is read and handed to `lookUp` a batch at a time, so that the store is
 * asked once per batch and nothing of a batch is kept after it. `flush` hands over the last one.
 */
export function inLookupBatches<T>(lookUp: (batch: readonly T[]) => Promise<void>) {
  let batch: T[] = [];
  const flush = async () => {
    const taken = batch;
    batch = [];
    if (taken.length > 0) await lookUp(taken);
  };
  return {
    async add(row: T) {
      batch.push(row);
      if (batch.length >= lookupBatch) await flush();
    },
    flush,
  };
}

/** Chunks a stored page of a plan holds: a page is read whole, so this bounds a run's memory. */
export const chunksPerPlanPage = 20;

/** What is stored of a plan: its pages in order, each with its hash (checked when it is read). */
export const PlanManifest = z.object({
  chunks: z.int().check(z.gte(0)),
  pages: z.array(z.object({ chunks: z.int().check(z.gte(0)), sha256: Sha256Hex })),
});
export type PlanManifest = z.infer<typeof PlanManifest>;

/** How many problems the job itself lists; the error report has every one. */
export const issuesShown = 20;

export const importKeys = {
  job: (jobId: string) => ({ pk: `IMPORT#${jobId}`, sk: 'JOB' }),
  upload: (uploadId: string) => `imports/uploads/${uploadId}.csv`,
  file: (jobId: string) => `imports/${jobId}/file.csv`,
  plan: (jobId: string) => `imports/${jobId}/plan.json`,
  planPage: (jobId: string, page: number) => `imports/${jobId}/plan/${String(page).padStart(5, '0')}.json.gz`,
  errors: (jobId: string) => `imports/${jobId}/errors.csv`,
};

/** A job per file, kind and mode: the same file sent again is the same job (and resumes it). */
export const importJobId = (kind: ImportKind, dryRun: boolean, fileSha256: string) =>
  `IMP${createHash('sha256')
    .update(`${kind}|${dryRun ? 'dry' : 'run'}|${fileSha256}`)
    .digest('hex')
    .slice(0, 20)}`;

export const UploadId = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'The uploadId the upload link came with'));

/** What an import of a kind has checked: every problem, and what to write, in chunks of one transaction. */
export interface ImportPlan<R = unknown> {
  rows: number;
  /** Rows already there with the same details: nothing to write. */
  unchanged: number;
  issues: ImportIssue[];
  /**
   * The rows to write, made as they are taken (none when there are issues). JSON-serialisable: the
   * runner stores them page by page, and every run of the job follows what is stored.
   */
  chunks: Iterable<R[]>;
}

/**
 * A chunk's writes. First `bulk`, group after group (a group is written whole before the next one
 * starts): puts without conditions, so the handler has checked that its rows are new or its own from
 * an earlier run, and writing them again is harmless. Then `change`, committed in one transaction with
 * the job's record of the chunk: what must happen exactly once (counts, checks) goes there.
 */
export interface ChunkWrites {
  bulk: readonly (readonly PreparedWrite[])[];
  change: PreparedChange;
}

/**
 * An import of one kind (employees, customers), as its own area provides it; the job runner
 * (shared/app/imports) reads, plans, writes chunk by chunk and keeps the checkpoint.
 */
export interface ImportHandler<R = unknown> {
  kind: ImportKind;
  /** Who may import this kind. */
  permission: Permission;
  /** The columns of the file, for the error report and the API's description. */
  columns: readonly string[];
  /** Checks every row against the file and the store (the runner has checked `permission`). */
  plan(actor: Principal, csv: string): Promise<ImportPlan<R>>;
  /**
   * The writes of one chunk of the plan, by the requester (a row carries what it needs of the others).
   * `at` is the same in every run of the job: a row written by an earlier run is recognised by it.
   */
  prepareChunk(chunk: readonly R[], by: { at: string; actor: string }): Promise<ChunkWrites>;
  /** The ids a chunk writes, for the evidence entry. */
  idsOf(chunk: readonly R[]): string[];
  /** Once every chunk is written (identities for new employees), given the chunks again; repeated harmlessly. */
  finish?(chunks: AsyncIterable<readonly R[]>): Promise<void>;
}
