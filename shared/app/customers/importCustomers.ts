import { randomInt } from 'node:crypto';
import { Customer, type CustomerChange, customerDifferences } from '#domain/customers/customer.ts';
import { industryOf } from '#domain/customers/industries.ts';
import {
  chunksThatFit,
  type ImportHandler,
  type ImportIssue,
  inLookupBatches,
} from '#domain/imports/index.ts';
import { type CsvPosition, type CsvRecord, CsvSyntaxError, csvRecords } from '#kernel/csv.ts';
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

  /** One record's fields as a customer (`id` when the file has none), or its problems. */
  const customerRow = (
    names: readonly string[],
    fields: readonly string[],
    id: (raw: Record<string, unknown>) => string,
  ) => {
    const raw: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const value = (fields[i] ?? '').trim();
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
    return Customer.safeParse({ ...raw, id: id(raw) });
  };

  return {
    kind: 'customers',
    permission: 'customer:import',
    columns,
    async plan(actor, csv) {
      const issues: ImportIssue[] = [];
      const issue = (line: number, column: string, message: string) => issues.push({ line, column, message });
      const syntax = (error: unknown) => {
        if (!(error instanceof CsvSyntaxError)) throw error;
        return {
          rows: 0,
          unchanged: 0,
          issues: [{ line: error.line, column: 'csv', message: error.message }],
          chunks: [],
        };
      };
      const records = csvRecords(csv);
      let header: CsvRecord | undefined;
      try {
        header = records.next().value;
      } catch (error) {
        return syntax(error);
      }
      const names = header?.fields.map((f) => f.trim()) ?? [];
      for (const name of names)
        if (!(columns as readonly string[]).includes(name))
          issue(1, name, `Unknown column; the columns are ${columns.join(', ')}`);
      for (const name of requiredColumns)
        if (!names.includes(name)) issue(1, name, 'This column is required');

      const headerRefused = issues.length > 0;
      // The file, row by row: each checked, looked up in the store a batch at a time, and let go;
      // kept of a row are its line, owner and id (and where it starts, for one to be written).
      const ids = new Map<string, number>();
      const owned: { line: number; ownerId: string }[] = [];
      const fresh: (CsvPosition & { id: string })[] = [];
      let unchanged = 0;
      let rows = 0;
      const lookUps = inLookupBatches<CsvPosition & { customer: Customer }>(async (batch) => {
        const stored = await customers.getMany(batch.map((r) => r.customer.id));
        for (const { offset, line, customer } of batch) {
          const existing = stored.get(customer.id);
          if (!existing) fresh.push({ offset, line, id: customer.id });
          else if (sameCustomer(existing, customer)) unchanged += 1;
          else issue(line, 'id', `${customer.id} already exists with other details; change it with PATCH`);
        }
      });
      try {
        for (const { offset, line, fields } of records) {
          rows += 1;
          if (headerRefused) continue; // only counted: the header's problems are the file's
          if (fields.length !== names.length) {
            issue(line, 'csv', `Expected ${names.length} fields, found ${fields.length}`);
            continue;
          }
          const parsed = customerRow(names, fields, (raw) => {
            let id = typeof raw.id === 'string' ? raw.id : undefined;
            while (!id || (raw.id === undefined && ids.has(id))) id = `C${String(randomInt(1e9, 1e10))}`;
            return id;
          });
          if (!parsed.success) {
            for (const i of parsed.error.issues) issue(line, i.path.join('.') || 'row', i.message);
            continue;
          }
          const customer = parsed.data;
          const first = ids.get(customer.id);
          if (first !== undefined) issue(line, 'id', `Also on line ${first}`);
          else ids.set(customer.id, line);
          if (customer.tier === 'key' && !actor.permissions.has('customer:read:key-accounts'))
            issue(line, 'tier', 'You may not import key accounts');
          owned.push({ line, ownerId: customer.ownerId });
          await lookUps.add({ offset, line, customer });
        }
      } catch (error) {
        return syntax(error);
      }
      if (rows === 0) issue(1, 'csv', 'A header row and at least one customer are needed');
      await lookUps.flush();

      const owners = await employees.getMany([...new Set(owned.map((r) => r.ownerId))]);
      for (const { line, ownerId } of owned) {
        const owner = owners.get(ownerId);
        if (!owner || owner.status === 'left') issue(line, 'ownerId', `${ownerId} is not a current employee`);
      }
      if (issues.length > 0)
        return { rows, unchanged, issues: issues.sort((a, b) => a.line - b.line), chunks: [] };

      // Each new customer read again from where it starts in the file, with the id it was given.
      function* planned(): Generator<PlannedCustomer> {
        for (const { id, ...start } of fresh) {
          const record = csvRecords(csv, start).next().value;
          const parsed = record && customerRow(names, record.fields, () => id);
          if (!parsed?.success) throw new Error(`Line ${start.line} reads differently the second time`);
          yield { line: start.line, customer: parsed.data };
        }
      }
      const at = new Date(0).toISOString();
      const chunks = chunksThatFit(
        planned(),
        19,
        (chunk) => prepare(chunk, at, actor.employeeId).writes.length,
      );
      return { rows, unchanged, issues, chunks };
    },
    // In transactions: each new customer with its first history entry, on condition that it is new.
    prepareChunk: async (chunk, { at, actor }) => ({ bulk: [], change: prepare(chunk, at, actor) }),
    idsOf: (chunk) => chunk.map((r) => r.customer.id),
  };
}
