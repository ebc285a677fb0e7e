import { createHash, randomUUID } from 'node:crypto';
import type { Permission } from '#domain/permissions.ts';
import type { Clock } from '#kernel/clock.ts';
import { formatCsv } from '#kernel/csv.ts';
import { ConflictError, PermissionDeniedError } from '#kernel/errors.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';

/** Links to an export are short-lived: long enough to click, too short to pass around. */
const linkSeconds = 15 * 60;
/** What an HR admin may approve at most in one file. */
const approvedCap = 100_000;

export interface CsvExportResult {
  url: string;
  expiresAt: string;
  rows: number;
  sha256: string;
}

type Page<T> = { items: T[]; nextKey?: Record<string, unknown> };

export interface CsvExportRequest<T> {
  actor: Principal;
  /** What is exported, for the evidence: `customers` → `customers.exported`, `customers.export-refused`. */
  what: string;
  /** The permission an export of these needs. */
  permission: Permission;
  /** What was asked for: kept in the evidence beside the rows and the file's hash. */
  filter: unknown;
  /** An HR admin's reason for exporting more than the cap. */
  approval?: string | undefined;
  /** A page of what the caller may see, under the filter. */
  list(startKey?: Record<string, unknown>): Promise<Page<T>>;
  header: readonly string[];
  /** The rows of what was listed (reading what else they need, such as names beside ids). */
  rows(listed: T[]): Promise<(string | number)[][]>;
}

/**
 * Exports as CSV that Excel opens (UTF-8 with a BOM) in the reports bucket, behind a short-lived link.
 * Every export is evidence (who, filter, rows, the file's SHA-256, where); so is every refused attempt.
 * Beyond the row cap an HR admin must approve, by giving a reason.
 */
export const makeCsvExports =
  ({
    reports,
    evidence,
    clock,
    rowCap,
  }: {
    reports: ObjectStore;
    evidence: EvidenceLog;
    clock: Clock;
    /** More rows than this need an HR admin's approval (given as a reason). */
    rowCap: number;
  }) =>
  async <T>(request: CsvExportRequest<T>): Promise<CsvExportResult> => {
    const { actor, what, permission, filter, approval } = request;
    if (!actor.permissions.has(permission)) {
      await evidence.append([
        {
          actor: actor.employeeId,
          action: `${what}.export-refused`,
          subject: `employee:${actor.employeeId}`,
          details: { filter },
        },
      ]);
      throw PermissionDeniedError.needs(permission);
    }
    if (approval) requirePermission(actor, 'permission:manage');
    const limit = approval ? approvedCap : rowCap;

    // Pages until the list ends or holds more than the limit: never read it all only to refuse.
    const listed: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await request.list(startKey);
      listed.push(...page.items);
      startKey = page.nextKey;
    } while (startKey && listed.length <= limit);
    if (listed.length > limit) {
      throw new ConflictError(
        'export_over_cap',
        approval
          ? `An export holds at most ${approvedCap} rows; narrow the filter.`
          : `An export holds at most ${rowCap} rows; more needs an HR admin's approval.`,
      );
    }

    const rows = await request.rows(listed);
    const csv = formatCsv([request.header, ...rows]);
    const sha256 = createHash('sha256').update(csv, 'utf8').digest('hex');
    const key = `exports/${clock.now().toISOString().slice(0, 10)}/${randomUUID()}.csv`;
    await reports.put(key, csv, 'text/csv; charset=utf-8');
    await evidence.append([
      {
        actor: actor.employeeId,
        action: `${what}.exported`,
        subject: `employee:${actor.employeeId}`,
        ...(approval ? { reason: approval } : {}),
        details: { filter, rows: rows.length, sha256, key },
      },
    ]);
    return {
      url: await reports.downloadUrl(key, linkSeconds),
      expiresAt: new Date(clock.now().getTime() + linkSeconds * 1000).toISOString(),
      rows: rows.length,
      sha256,
    };
  };

export type CsvExports = ReturnType<typeof makeCsvExports>;
