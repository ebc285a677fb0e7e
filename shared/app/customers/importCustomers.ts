import { randomInt } from 'node:crypto';
import { Customer, type CustomerChange, customerDifferences } from '#domain/customers/customer.ts';
import { industryOf } from '#domain/customers/industries.ts';
import {
  chunksThatFit,
  type ImportHandler,
  type ImportIssue,
  type ImportPlan,
} from '#domain/imports/index.ts';
import { CsvSyntaxError, parseCsv } from '#kernel/csv.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { EmployeeStore } from '#ports/people/index.ts';

export interface ImportCustomersDeps {
  customers: Pick<CustomerStore, 'getMany' | 'prepareImport'>;
  employees: Pick<EmployeeStore, 'getMany'>;
}

const columns = ['id', 'name', 'industry', 'region', 'tier', 'ownerId', 'preferences', 'tags'] as const;
const requiredColumns = ['name', 'industry', 'region', 'tier', 'ownerId'];

/** A customer of the plan, its id fixed once (the file's, or one given when the plan is made). */
interface PlannedCustomer {
  line: number;
  customer: Customer;
}

/** The fields a stored customer and an imported row share: equal means the row is already there. */
const sameCustomer = (stored: Customer, input: Customer) =>
  JSON.stringify(columns.map((c) => stored[c as keyof Customer])) ===
  JSON.stringify(columns.map((c) => input[c as keyof Customer]));

/**
 * A company's existing customer book from CSV (HR), as an import job: one row per customer with its
 * owner by employee id. Every row is checked first (fields, owners who are current employees, ids
 * in the file and stored); a row with an id already stored with the same details is unchanged. A
 * row without an id gets one when the file is checked, which every run of the job then keeps.
 */
export function makeCustomerImport({
  customers,
  employees,
}: ImportCustomersDeps): ImportHandler<PlannedCustomer> {
  const changeOf = (customer: Customer, at: string, actor: string): CustomerChange => ({
    customerId: customer.id,
    version: 1,
    actor,
    at,
    reason: 'Imported from CSV',
    changes: customerDifferences({}, customer),
  });
  const prepare = (chunk: readonly PlannedCustomer[], at: string, actor: string) =>
    customers.prepareImport(
      chunk.map(({ customer }) => ({ customer, change: changeOf(customer, at, actor) })),
    );

  return {
    kind: 'customers',
    permission: 'customer:import',
    columns,
    async plan(actor, csv) {
      const issues: ImportIssue[] = [];
      const issue = (line: number, column: string, message: string) => issues.push({ line, column, message });
      let records: ReturnType<typeof parseCsv>;
      try {
        records = parseCsv(csv);
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        return {
          rows: 0,
          unchanged: 0,
          issues: [{ line: error.line, column: 'csv', message: error.message }],
          chunks: [],
        };
      }
      const [header, ...body] = records;
      const names = header?.fields.map((f) => f.trim()) ?? [];
      for (const name of names)
        if (!(columns as readonly string[]).includes(name))
          issue(1, name, `Unknown column; the columns are ${columns.join(', ')}`);
      for (const name of requiredColumns)
        if (!names.includes(name)) issue(1, name, 'This column is required');
      if (body.length === 0) issue(1, 'csv', 'A header row and at least one customer are needed');
      if (issues.length > 0) return { rows: body.length, unchanged: 0, issues, chunks: [] };

      const rows: PlannedCustomer[] = [];
      const ids = new Map<string, number>();
      for (const record of body) {
        if (record.fields.length !== names.length) {
          issue(record.line, 'csv', `Expected ${names.length} fields, found ${record.fields.length}`);
          continue;
        }
        const raw: Record<string, unknown> = {};
        names.forEach((name, i) => {
          const value = (record.fields[i] ?? '').trim();
          if (value === '') return;
          raw[name] =
            name === 'tags'
              ? value
                  .split('|')
                  .map((t) => t.trim())
                  .filter(Boolean)
              : name === 'industry'
                ? (industryOf(value) ?? value) // a label in either language, as spreadsheets have it
                : value;
        });
        let id = typeof raw.id === 'string' ? raw.id : undefined;
        while (!id || (raw.id === undefined && ids.has(id))) id = `C${String(randomInt(1e9, 1e10))}`;
        const parsed = Customer.safeParse({ ...raw, id });
        if (!parsed.success) {
          for (const i of parsed.error.issues) issue(record.line, i.path.join('.') || 'row', i.message);
          continue;
        }
        const first = ids.get(id);
        if (first !== undefined) issue(record.line, 'id', `Also on line ${first}`);
        else ids.set(id, record.line);
        if (parsed.data.tier === 'key' && !actor.permissions.has('customer:read:key-accounts'))
          issue(record.line, 'tier', 'You may not import key accounts');
        rows.push({ line: record.line, customer: parsed.data });
      }

      const owners = await employees.getMany([...new Set(rows.map((r) => r.customer.ownerId))]);
      const stored = await customers.getMany(rows.map((r) => r.customer.id));
      let unchanged = 0;
      const fresh: PlannedCustomer[] = [];
      for (const row of rows) {
        const owner = owners.get(row.customer.ownerId);
        if (!owner || owner.status === 'left')
          issue(row.line, 'ownerId', `${row.customer.ownerId} is not a current employee`);
        const existing = stored.get(row.customer.id);
        if (!existing) fresh.push(row);
        else if (sameCustomer(existing, row.customer)) unchanged += 1;
        else
          issue(row.line, 'id', `${row.customer.id} already exists with other details; change it with PATCH`);
      }

      const at = new Date(0).toISOString();
      const chunks = chunksThatFit(fresh, 19, (chunk) => prepare(chunk, at, actor.employeeId).writes.length);
      return { rows: body.length, unchanged, issues, chunks: issues.length > 0 ? [] : chunks };
    },
    prepareChunk: (chunk, _plan: ImportPlan<PlannedCustomer>, { at, actor }) => prepare(chunk, at, actor),
    idsOf: (chunk) => chunk.map((r) => r.customer.id),
  };
}
