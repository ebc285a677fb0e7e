import type { CustomerRecord, CustomerSummary } from '#domain/customers/customer.ts';
import { industries } from '#domain/customers/industries.ts';
import type { CustomerKnowledge } from '#domain/customers/knowledge.ts';
import type { Principal } from '#kernel/principal.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { KnowledgeStore } from '#ports/customers/knowledgeStore.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { CsvExportResult, CsvExports } from '../platform/csvExports.ts';
import type { CustomerFilter, Customers } from './customers.ts';

export interface ExportDeps {
  customers: Pick<Customers, 'list'>;
  store: Pick<CustomerStore, 'getMany'>;
  knowledge: Pick<KnowledgeStore, 'getMany'>;
  /** For the owners' names beside their ids. */
  employees: Pick<EmployeeStore, 'getMany'>;
  writeExport: CsvExports;
}

/** Won deals in total, per currency (from the knowledge record, which sums every won deal by day). */
const money = (k: CustomerKnowledge | undefined) => {
  const totals = new Map<string, number>();
  for (const byCurrency of Object.values(k?.activity?.won ?? {}))
    for (const [currency, minor] of Object.entries(byCurrency))
      totals.set(currency, (totals.get(currency) ?? 0) + minor);
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
const row = (c: CustomerRecord, ownerName: string, known: CustomerKnowledge | undefined) => [
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
  money(known),
  c.preferences,
  c.followUps.map((f) => `${f.date} ${f.channel}: ${f.summary}`).at(-1) ?? '',
  c.tags.join('; '),
];

/** Exports the customers the caller may see (needs customer:export; see CsvExports for the rules). */
export const makeExportCustomers =
  ({ customers, store, knowledge, employees, writeExport }: ExportDeps) =>
  (actor: Principal, filter: CustomerFilter, approval?: string): Promise<CsvExportResult> =>
    writeExport<CustomerSummary>({
      actor,
      what: 'customers',
      permission: 'customer:export',
      filter,
      approval,
      list: (startKey) => customers.list(actor, filter, { limit: 100, ...(startKey ? { startKey } : {}) }),
      header,
      rows: async (selected) => {
        const records: CustomerRecord[] = [];
        const known = new Map<string, CustomerKnowledge>();
        for (let i = 0; i < selected.length; i += 100) {
          const ids = selected.slice(i, i + 100).map((c) => c.id);
          const [found, knowledgeOf] = await Promise.all([store.getMany(ids), knowledge.getMany(ids)]);
          records.push(...ids.flatMap((id) => found.get(id) ?? []));
          for (const [id, k] of knowledgeOf) known.set(id, k);
        }
        const owners = await employees.getMany(records.map((c) => c.ownerId));
        return records.map((c) => row(c, owners.get(c.ownerId)?.name ?? '', known.get(c.id)));
      },
    });
