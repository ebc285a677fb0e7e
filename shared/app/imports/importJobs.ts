import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Messenger } from '#app/communication/index.ts';
import {
  chunksPerPlanPage,
  type ImportHandler,
  type ImportIssue,
  type ImportJob,
  type ImportKind,
  type ImportPlan,
  importIssueOf,
  importJobId,
  importKeys,
  importRequested,
  issuesShown,
  maxImportBytes,
  PlanManifest,
} from '#domain/imports/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, isDomainError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { sha256Hex } from '#kernel/signature.ts';
import { type BulkWrites, combineChanges, committing, type Writes } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { ImportJobStore } from '#ports/imports/importJobStore.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';

export interface ImportDeps {
  jobs: ImportJobStore;
  /** The bucket that keeps the files, plans and error reports. */
  files: ObjectStore;
  bus: EventBus;
  evidence: EvidenceLog;
  writes: Writes & BulkWrites;
  clock: Clock;
  tell: Messenger;
  /** The requester as they are now: the job acts with their authority, checked again when it runs. */
  principalOf(employeeId: string): Promise<Principal>;
  handlers: Record<ImportKind, ImportHandler>;
  log?(message: string, details: Record<string, unknown>): void;
}

/** A run stops taking chunks when less than this is left of its invocation, and continues in a new one. */
const reserveMs = 60_000;
/** Chunks written at once: each is its own transaction, the job's record of it included. */
const parallelChunks = 2;
const uploadLinkSeconds = 15 * 60;
const reportLinkSeconds = 5 * 60;

const ended = new Set(['completed', 'validated', 'refused']);

/** The error report: one line per problem, naming the row and the column. */
function errorReport(issues: readonly ImportIssue[]): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `line,column,message\r\n${issues.map((i) => [i.line, i.column, i.message].map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * The plan's chunks stored page by page as they are made (chunksPerPlanPage chunks a page, gzipped),
 * then the manifest naming the pages and their hashes: a run holds one page at a time, never the plan.
 */
async function storePlan(
  files: ObjectStore,
  jobId: string,
  chunks: Iterable<unknown[]>,
): Promise<PlanManifest> {
  const manifest: PlanManifest = { chunks: 0, pages: [] };
  let page: unknown[][] = [];
  const flush = async () => {
    const bytes = gzipSync(JSON.stringify(page));
    await files.put(importKeys.planPage(jobId, manifest.pages.length), bytes, 'application/gzip');
    manifest.pages.push({ chunks: page.length, sha256: sha256Hex(bytes) });
    manifest.chunks += page.length;
    page = [];
  };
  for (const chunk of chunks) {
    page.push(chunk);
    if (page.length === chunksPerPlanPage) await flush();
  }
  if (page.length > 0) await flush();
  await files.put(importKeys.plan(jobId), JSON.stringify(manifest), 'application/json');
  return manifest;
}

/** The stored plan's manifest, and the bytes it was read from (their hash is the plan's, in the evidence). */
async function manifestOf(files: ObjectStore, jobId: string) {
  const stored = await files.get(importKeys.plan(jobId));
  if (!stored) throw new Error(`The plan of import job ${jobId} is missing`);
  return { manifest: PlanManifest.parse(JSON.parse(stored.toString('utf8'))), sha256: sha256Hex(stored) };
}

/** One page of the stored plan, as it was checked. */
async function pageOf(files: ObjectStore, jobId: string, manifest: PlanManifest, page: number) {
  const stored = await files.get(importKeys.planPage(jobId, page));
  if (!stored || sha256Hex(stored) !== manifest.pages[page]?.sha256)
    throw new Error(`Page ${page} of the plan of import job ${jobId} is missing or not the one checked`);
  return JSON.parse(gunzipSync(stored).toString('utf8')) as unknown[][];
}

/**
 * Imports as jobs (employees, customers): the file is kept, a job is created once per file (sending
 * the same file again answers the same job, and resumes one that failed), and the ImportJob function
 * runs it: check every row, then write chunk by chunk, each chunk committed together with the job's
 * record of it, so a run that stops anywhere, or runs twice, writes every row exactly once.
 */
export function makeImportJobs(deps: ImportDeps) {
  const handlerOf = (kind: ImportKind) => deps.handlers[kind];

  const load = async (jobId: string) => {
    const job = await deps.jobs.get(jobId);
    if (!job) throw new NotFoundError(`Import job ${jobId}`);
    return job;
  };

  /** The job's next state, on condition that nobody changed it meanwhile; undefined if someone did. */
  const save = async (before: ImportJob, changes: Partial<ImportJob>): Promise<ImportJob | undefined> => {
    const after = {
      ...before,
      ...changes,
      updatedAt: deps.clock.now().toISOString(),
      version: before.version + 1,
    };
    try {
      await committing(deps.jobs.prepareUpdate(before, after), (w) => deps.writes.commit(w));
      return after;
    } catch (error) {
      if (isDomainError(error) && error.code === 'stale_version') return undefined;
      throw error;
    }
  };

  const tellRequester = (job: ImportJob) =>
    deps.tell(
      [{ employeeId: job.requestedBy }],
      'import.finished',
      {
        jobId: job.id,
        kind: job.kind,
        kindZh: job.kind === 'employees' ? '员工' : '客户',
        outcome: job.status,
        outcomeZh:
          { completed: '完成', validated: '检查通过', refused: '被拒绝', failed: '失败' }[
            job.status as string
          ] ?? job.status,
        rows: String(job.rows ?? 0),
        created: String(job.created),
        unchanged: String(job.unchanged),
        rowsFailed: String(job.rowsFailed),
        error: job.error ?? '',
      },
      { dedupeKey: `${job.id}|${job.status}|${job.version}`, data: { importJobId: job.id } },
    );

  /** Checks every row; the job is refused (with its error report), validated (a dry run), or planned. */
  const check = async (job: ImportJob): Promise<ImportJob | undefined> => {
    const validating = await save(job, { status: 'validating' });
    if (!validating) return undefined;
    const csv = await deps.files.get(importKeys.file(job.id));
    if (!csv) throw new Error(`The file of import job ${job.id} is missing`);
    let plan: ImportPlan;
    try {
      // With the requester's authority as it is now: one who lost it since sending the file is refused.
      const actor = await deps.principalOf(job.requestedBy);
      requirePermission(actor, handlerOf(job.kind).permission);
      plan = await handlerOf(job.kind).plan(actor, csv.toString('utf8'));
    } catch (error) {
      // A file refused as a whole (its header, its syntax) or a requester without the authority.
      if (!isDomainError(error) || !['import_invalid', 'permission_denied'].includes(error.code)) throw error;
      const fields = error.fieldIssues;
      plan = {
        rows: 0,
        unchanged: 0,
        issues: fields.length
          ? fields.map(importIssueOf)
          : [{ line: 0, column: 'file', message: error.message }],
        chunks: [],
      };
    }
    plan.issues.sort((a, b) => a.line - b.line); // the first problems shown are the file's first
    const failedLines = new Set(plan.issues.map((i) => i.line));
    const counts = { rows: plan.rows, unchanged: plan.unchanged, rowsFailed: failedLines.size };
    if (plan.issues.length > 0) {
      await deps.files.put(importKeys.errors(job.id), errorReport(plan.issues), 'text/csv; charset=utf-8');
      return save(validating, {
        status: 'refused',
        ...counts,
        issues: plan.issues.slice(0, issuesShown),
        finishedAt: deps.clock.now().toISOString(),
      });
    }
    if (job.dryRun)
      return save(validating, { status: 'validated', ...counts, finishedAt: deps.clock.now().toISOString() });
    await storePlan(deps.files, job.id, plan.chunks);
    const importingSince = deps.clock.now().toISOString();
    return save(validating, { status: 'importing', ...counts, rowsDone: plan.unchanged, importingSince });
  };

  /**
   * Writes the chunks not written yet, page by page of the stored plan and several chunks at once,
   * until done or the invocation runs short.
   */
  const write = async (job: ImportJob, remainingMs: () => number): Promise<ImportJob | undefined> => {
    const { manifest, sha256: planSha256 } = await manifestOf(deps.files, job.id);
    const handler = handlerOf(job.kind);
    const done = await deps.jobs.chunksDone(job.id);
    const unchanged = job.unchanged;
    const rowsDoneNow = () => unchanged + [...done.values()].reduce((a, b) => a + b, 0);
    // The same in every run (jobs planned before it was kept used their request's time).
    const at = job.importingSince ?? job.requestedAt;
    const writePage = async (page: number, first: number) => {
      const chunks = await pageOf(deps.files, job.id, manifest, page);
      const queue = chunks.map((_, n) => first + n).filter((index) => !done.has(index));
      let broken = false;
      const worker = async () => {
        for (let index = queue.shift(); index !== undefined && !broken; index = queue.shift()) {
          if (remainingMs() < reserveMs) return;
          const chunk = chunks[index - first] ?? [];
          try {
            const { bulk, change } = await handler.prepareChunk(chunk, { at, actor: job.requestedBy });
            for (const group of bulk) await deps.writes.putAll(group);
            await committing(
              combineChanges(deps.jobs.prepareChunkDone(job.id, index, chunk.length), change),
              (w) => deps.writes.commit(w),
            );
          } catch (error) {
            // Another run wrote it meanwhile (a duplicate delivery): it is done all the same.
            if (!(isDomainError(error) && error.code === 'chunk_written')) {
              broken = true;
              throw error;
            }
          }
          done.set(index, chunk.length);
        }
      };
      // A chunk that breaks stops the others, and the run ends only when none is still writing.
      const settled = await Promise.allSettled(Array.from({ length: parallelChunks }, worker));
      const failure = settled.find((s) => s.status === 'rejected');
      if (failure) throw failure.reason;
    };
    // Rows done, on the job about once a second (one save at a time) while the chunks are written.
    let progress = job;
    let saving: Promise<unknown> = Promise.resolve();
    const reporting = setInterval(() => {
      const rowsDone = rowsDoneNow();
      saving = saving.then(async () => {
        progress = (await save(progress, { rowsDone })) ?? (await load(job.id));
      });
    }, 1000);
    try {
      let first = 0;
      for (const [page, { chunks }] of manifest.pages.entries()) {
        const pending = Array.from({ length: chunks }, (_, n) => first + n).some((i) => !done.has(i));
        if (pending && remainingMs() >= reserveMs) await writePage(page, first);
        first += chunks;
      }
    } finally {
      clearInterval(reporting);
      await saving;
    }
    const current = await load(job.id);
    const rowsDone = rowsDoneNow();
    if (done.size < manifest.chunks) {
      // Out of time: the next invocation continues from what is written.
      await save(current, { rowsDone });
      await deps.bus.publish([eventOf(importRequested, { jobId: job.id })]);
      return undefined;
    }
    await handler.finish?.(
      (async function* () {
        for (let page = 0; page < manifest.pages.length; page += 1)
          yield* await pageOf(deps.files, job.id, manifest, page);
      })(),
    );
    const created = rowsDone - unchanged;
    const after: ImportJob = {
      ...current,
      status: 'completed',
      rowsDone,
      created,
      finishedAt: deps.clock.now().toISOString(),
      updatedAt: deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    try {
      await committing(deps.jobs.prepareUpdate(current, after), (writes) =>
        deps.evidence.append(
          [
            {
              actor: current.requestedBy,
              action: `${current.kind}.imported`,
              subject: `import:${current.id}`,
              details: {
                fileSha256: current.fileSha256,
                planSha256,
                rows: current.rows ?? 0,
                created,
                unchanged,
              },
            },
          ],
          { alongside: writes },
        ),
      );
    } catch (error) {
      if (isDomainError(error) && error.code === 'stale_version') return undefined;
      throw error;
    }
    return after;
  };

  return {
    /**
     * A file to import: the job for it (created, or the one this file already has). A job that failed
     * is queued again, to continue from its checkpoint.
     */
    async submit(
      actor: Principal,
      kind: ImportKind,
      source: { csv: string } | { uploadId: string },
      dryRun: boolean,
    ): Promise<{ job: ImportJob; created: boolean }> {
      requirePermission(actor, handlerOf(kind).permission);
      if ('uploadId' in source) {
        // A link cannot cap what is PUT through it: the size is checked before anything is read.
        const size = await deps.files.size(importKeys.upload(source.uploadId));
        if (size !== undefined && size > maxImportBytes)
          throw new InvalidInputError(
            'The uploaded file is too large.',
            [{ field: 'upload', message: `At most ${maxImportBytes} bytes; this one has ${size}` }],
            'file_too_large',
          );
      }
      const bytes =
        'csv' in source
          ? Buffer.from(source.csv, 'utf8')
          : await deps.files.get(importKeys.upload(source.uploadId));
      if (!bytes) throw new NotFoundError(`An upload ${'uploadId' in source ? source.uploadId : ''}`);
      const fileSha256 = sha256Hex(bytes);
      const id = importJobId(kind, dryRun, fileSha256);
      const existing = await deps.jobs.get(id);
      if (existing) {
        if (existing.status !== 'failed') return { job: existing, created: false };
        const { error: _e, finishedAt: _f, ...rest } = existing;
        const queued = await save(rest as ImportJob, {
          status: existing.rows === undefined ? 'queued' : 'importing',
        });
        if (queued) await deps.bus.publish([eventOf(importRequested, { jobId: id })]);
        return { job: queued ?? (await load(id)), created: false };
      }
      await deps.files.put(importKeys.file(id), bytes, 'text/csv; charset=utf-8');
      const at = deps.clock.now().toISOString();
      const job: ImportJob = {
        id,
        kind,
        dryRun,
        status: 'queued',
        fileSha256,
        fileBytes: bytes.length,
        requestedBy: actor.employeeId,
        requestedAt: at,
        updatedAt: at,
        rowsDone: 0,
        rowsFailed: 0,
        created: 0,
        unchanged: 0,
        issues: [],
        version: 1,
      };
      if (!(await deps.jobs.create(job))) return { job: await load(id), created: false };
      await deps.bus.publish([eventOf(importRequested, { jobId: id })]);
      return { job, created: true };
    },

    /** A link to upload a file larger than a request may carry; then submit its uploadId. */
    async uploadLink(actor: Principal, kind: ImportKind) {
      requirePermission(actor, handlerOf(kind).permission);
      const uploadId = randomBytes(16).toString('hex');
      return {
        uploadId,
        method: 'PUT' as const,
        contentType: 'text/csv',
        url: await deps.files.uploadUrl(importKeys.upload(uploadId), 'text/csv', uploadLinkSeconds),
        expiresAt: new Date(deps.clock.now().getTime() + uploadLinkSeconds * 1000).toISOString(),
      };
    },

    /** The job as its requester (or anyone who may import its kind) sees it, with a link to its error report. */
    async read(actor: Principal, kind: ImportKind, jobId: string) {
      const job = await deps.jobs.get(jobId);
      if (!job || job.kind !== kind) throw new NotFoundError(`Import job ${jobId}`);
      if (!actor.permissions.has(handlerOf(kind).permission) && actor.employeeId !== job.requestedBy)
        throw new PermissionDeniedError('Only those who import this kind read its jobs.');
      const report = job.status === 'refused' ? importKeys.errors(job.id) : undefined;
      return {
        ...job,
        ...(report ? { errorReport: await deps.files.downloadUrl(report, reportLinkSeconds) } : {}),
      };
    },

    /** One run of a job: as far as it gets in this invocation. A job that breaks ends failed, and says why. */
    async run(jobId: string, remainingMs: () => number): Promise<ImportJob | undefined> {
      let job = await deps.jobs.get(jobId);
      if (!job || ended.has(job.status) || job.status === 'failed') return job;
      try {
        if (job.status === 'queued' || job.status === 'validating') job = await check(job);
        if (job?.status === 'importing') job = await write(job, remainingMs);
      } catch (error) {
        const current = await load(jobId);
        const failed = await save(current, {
          status: 'failed',
          error: (error as Error).message.slice(0, 1000),
          finishedAt: deps.clock.now().toISOString(),
        });
        if (failed) await tellRequester(failed);
        // Not thrown again: a retry would find it failed. Sending the file again resumes it.
        deps.log?.('Import job failed', { jobId, error: (error as Error).message });
        return failed;
      }
      if (job && ended.has(job.status)) await tellRequester(job);
      return job;
    },
  };
}
