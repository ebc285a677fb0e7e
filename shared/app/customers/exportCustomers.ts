import { createHash, randomUUID } from 'node:crypto';
import type { CustomerRecord, CustomerSummary } from '#domain/customers/customer.ts';
import { industries } from '#domain/customers/industries.ts';
import type { Clock } from '#kernel/clock.ts';
import { formatCsv } from '#kernel/csv.ts';
import { ConflictError, PermissionDeniedError } from '#kernel/errors.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';
import type { CustomerFilter, Customers } from './customers.ts';

/** Links to an export are short-lived: long enough to click, too short to pass around. */
const linkSeconds = 15 * 60;

export interface ExportDeps {
  customers: Pick<Customers, 'list'>;
  store: Pick<CustomerStore, 'getMany'>;
  /** For the owners' names beside their ids. */
  employees: Pick<EmployeeStore, 'getMany'>;
  reports: ObjectStore;
  evidence: EvidenceLog;
  clock: Clock;
  /** More rows than this need an HR admin's approval (given as a reason). */
  rowCap: number;
}

export interface ExportResult {
  url: string;
  expiresAt: string;
  rows: number;
  sha256: string;
}

const money = (c: CustomerRecord) => {
  const totals = new Map<string, number>();
  for (const deal of c.deals)
    if (deal.status === 'won')
      totals.set(deal.value.currency, (totals.get(deal.value.currency) ?? 0) + deal.value.amountMinor);
  return [...totals].map(([currency, minor]) => `${(minor / 100).toFixed(2)} ${currency}`).join('; ');
};

// Codes and ids for machines, names beside them for the people who open the file in Excel.
const header = [
  'id',
  'name',
  'industry',
  '行业',
  'industry name',
  'region',
  'tier',
  'owner',
  'owner name',
  'contacts',
  'won deals',
  'preferences',
  'last follow-up',
  'tags',
];
const row = (c: CustomerRecord, ownerName: string) => [
  c.id,
  c.name,
  c.industry,
  industries[c.industry].zh,
  industries[c.industry].en,
  c.region,
  c.tier,
  c.ownerId,
  ownerName,
  c.contacts
    .map((p) => [p.name, p.role, p.phone, p.email, p.wechatId].filter(Boolean).join(' / '))
    .join('; '),
  money(c),
  c.preferences,
  c.followUps.map((f) => `${f.date} ${f.channel}: ${f.summary}`).at(-1) ?? '',
  c.tags.join('; '),
];

/**
 * Exports the customers the caller may see, as CSV in the reports bucket behind a short-lived link.
 * Every export is evidence (who, filter, rows, file hash); so is every refused attempt. Beyond the row
 * cap an HR admin must approve, by giving a reason.
 */
export const makeExportCustomers =
  ({ customers, store, employees, reports, evidence, clock, rowCap }: ExportDeps) =>
  async (actor: Principal, filter: CustomerFilter, approval?: string): Promise<ExportResult> => {
    if (!actor.permissions.has('customer:export')) {
      await evidence.append([
        {
          actor: actor.employeeId,
          action: 'customers.export-refused',
          subject: `employee:${actor.employeeId}`,
          details: { filter },
        },
      ]);
      throw new PermissionDeniedError('This needs the permission customer:export.');
    }
    if (approval) requirePermission(actor, 'permission:manage');
    const limit = approval ? 100_000 : rowCap;

    const selected: CustomerSummary[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await customers.list(actor, filter, { limit: 100, ...(startKey ? { startKey } : {}) });
      selected.push(...page.items);
      startKey = page.nextKey;
    } while (startKey && selected.length <= limit);
    if (selected.length > limit) {
      throw new ConflictError(
        'export_over_cap',
        `An export holds at most ${rowCap} rows; more needs an HR admin's approval.`,
      );
    }

    const records: CustomerRecord[] = [];
    for (let i = 0; i < selected.length; i += 100) {
      const found = await store.getMany(selected.slice(i, i + 100).map((c) => c.id));
      records.push(...selected.slice(i, i + 100).flatMap((c) => found.get(c.id) ?? []));
    }
    const owners = await employees.getMany(records.map((c) => c.ownerId));
    const csv = formatCsv([header, ...records.map((c) => row(c, owners.get(c.ownerId)?.name ?? ''))]);
    const sha256 = createHash('sha256').update(csv, 'utf8').digest('hex');
    const key = `exports/${clock.now().toISOString().slice(0, 10)}/${randomUUID()}.csv`;
    await reports.put(key, csv, 'text/csv; charset=utf-8');
    await evidence.append([
      {
        actor: actor.employeeId,
        action: 'customers.exported',
        subject: `employee:${actor.employeeId}`,
        ...(approval ? { reason: approval } : {}),
        details: { filter, rows: records.length, sha256, key },
      },
    ]);
    return {
      url: await reports.downloadUrl(key, linkSeconds),
      expiresAt: new Date(clock.now().getTime() + linkSeconds * 1000).toISOString(),
      rows: records.length,
      sha256,
    };
  };
