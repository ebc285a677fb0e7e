import { chunksThatFit, type ImportHandler, importIssueOf, inLookupBatches } from '#domain/imports/index.ts';
import { type Employee, NewEmployee } from '#domain/people/employee.ts';
import { employeesCreated } from '#domain/people/events/index.ts';
import { type CsvPosition, type CsvRecord, CsvSyntaxError, csvRecords } from '#kernel/csv.ts';
import { ConflictError, type FieldIssue, InvalidInputError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import type { AccessStore } from '#ports/people/accessStore.ts';
import type { DepartmentStore } from '#ports/people/departmentStore.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import { requireRoleAuthority } from './createEmployee.ts';

export interface ImportEmployeesDeps {
  employees: EmployeeStore;
  departments: Pick<DepartmentStore, 'get'>;
  access: AccessStore;
  bus: EventBus;
}

const columns = [
  'id',
  'name',
  'nameLatin',
  'workEmail',
  'phone',
  'departmentId',
  'position',
  'managerId',
  'hireDate',
  'hireChannel',
  'referrerId',
  'site',
  'timeZone',
  'locale',
  'keyPosition',
  'roles',
] as const;
const requiredColumns = [
  'id',
  'name',
  'workEmail',
  'phone',
  'departmentId',
  'position',
  'hireDate',
  'hireChannel',
  'site',
  'timeZone',
];

/** A valid row as the check keeps it: where to read it again, and what the file's other rows refer to. */
interface Entry extends CsvPosition {
  id: string;
  managerId?: string;
  referrerId?: string;
  departmentId: string;
}

/** People written per chunk: put in bulk, so not bound by a transaction's 100 items. */
const rowsPerChunk = 100;

const issueAt = (line: number, field: string, message: string): FieldIssue => ({
  field: `line ${line}.${field}`,
  message,
});

function refused(issues: FieldIssue[]): InvalidInputError {
  const lines = new Set(issues.map((i) => i.field.split('.')[0]));
  return new InvalidInputError(
    `${lines.size} line(s) of the file are not valid; nothing was imported.`,
    issues,
    'import_invalid',
  );
}

/** A CSV syntax error as the file's refusal. */
async function readingCsv<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw refused([issueAt(error.line, 'csv', error.message)]);
    throw error;
  }
}

/** The header's column names, every problem with them collected (and then the file refused). */
function columnsOf(fields: readonly string[] | undefined, issues: FieldIssue[]): string[] {
  const names = fields?.map((f) => f.trim()) ?? [];
  for (const name of names) {
    if (!(columns as readonly string[]).includes(name))
      issues.push(issueAt(1, name, `Unknown column; the columns are ${columns.join(', ')}`));
  }
  for (const name of requiredColumns)
    if (!names.includes(name)) issues.push(issueAt(1, name, 'This column is required'));
  if (issues.length > 0) throw refused(issues);
  return names;
}

/** One record's fields as a new employee, or its problems. */
function employeeRow(names: readonly string[], fields: readonly string[]) {
  if (fields.length !== names.length)
    return {
      success: false as const,
      issues: [{ path: ['csv'], message: `Expected ${names.length} fields, found ${fields.length}` }],
    };
  const raw: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const value = (fields[i] ?? '').trim();
    if (value === '') return;
    if (name === 'keyPosition') raw[name] = ['true', 'yes', '1', '是'].includes(value.toLowerCase());
    else if (name === 'roles')
      raw[name] = value
        .split(/[|;]/)
        .map((r) => r.trim())
        .filter(Boolean);
    else raw[name] = value;
  });
  const parsed = NewEmployee.safeParse(raw);
  return parsed.success
    ? { success: true as const, data: parsed.data }
    : { success: false as const, issues: parsed.error.issues };
}

/**
 * Managers (and referrers) before the people who name them, so that no chunk points at someone not
 * yet there; a circle in the file is a problem on the line that closes it. Iterative: a chain as
 * long as the file does not run out of stack.
 */
function inCreationOrder(entries: readonly Entry[], issues: FieldIssue[]): Entry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const ordered: Entry[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of entries) {
    if (state.has(root.id)) continue;
    state.set(root.id, 'visiting');
    const path: { entry: Entry; next: number }[] = [{ entry: root, next: 0 }];
    while (path.length > 0) {
      const top = path[path.length - 1] as { entry: Entry; next: number };
      const refs = [top.entry.managerId, top.entry.referrerId];
      if (top.next < refs.length) {
        const ref = refs[top.next];
        top.next += 1;
        const before = ref ? byId.get(ref) : undefined;
        if (!before || before === top.entry) continue;
        const seen = state.get(before.id);
        if (seen === 'visiting')
          issues.push(issueAt(top.entry.line, 'managerId', 'The reporting lines in the file form a circle'));
        else if (seen === undefined) {
          state.set(before.id, 'visiting');
          path.push({ entry: before, next: 0 });
        }
        continue;
      }
      state.set(top.entry.id, 'done');
      ordered.push(top.entry);
      path.pop();
    }
  }
  return ordered;
}

const employeeOf = ({ roles: _roles, ...fields }: NewEmployee): Employee => ({ ...fields, status: 'active' });

const sameEmployee = (stored: Employee, input: Employee) =>
  (Object.keys(input) as (keyof Employee)[]).every((k) => stored[k] === input[k]);

/** A row of the plan: the employee, how many of the file's people report to them, and which of their
 * manager and referrer this import creates (those are not looked for in the store when it is written). */
interface PlannedEmployee {
  line: number;
  input: NewEmployee;
  directReports: number;
  createdWith: string[];
}

/**
 * Onboards a company's existing staff from CSV, as an import job (shared/app/imports). Every row is
 * checked first (fields, duplicates, references to people and departments in the file or already
 * stored, circles in reporting lines) and every problem is reported with its line; rows already
 * imported with the same details count as unchanged, so sending the same file again is harmless.
 * Managers (and referrers) come before the people who name them, chunk by chunk. The check keeps
 * only a few ids of each row; the rows to write are read again from the file as the plan is stored.
 */
export function makeEmployeeImport({
  employees,
  departments,
  access,
  bus,
}: ImportEmployeesDeps): ImportHandler<PlannedEmployee> {
  /** What a chunk changes once, with the job's record of it: the counts of managers already stored, the checks. */
  const links = (chunk: readonly PlannedEmployee[]) =>
    employees.prepareImportLinks(
      chunk.map((r) => employeeOf(r.input)),
      new Set(chunk.flatMap((r) => r.createdWith)),
    );

  /**
   * A chunk's people, put in bulk: its rows not written yet. A row whose profile is stored with this
   * job's time and the file's details was written by an earlier run (its other items before it), and
   * is left as it is; any other stored profile is someone created meanwhile, and is not overwritten:
   * the chunk stops.
   */
  const prepareChunk = async (chunk: readonly PlannedEmployee[], at: string) => {
    const stored = await employees.getMany(
      chunk.map((r) => r.input.id),
      { consistent: true },
    );
    const toWrite = chunk.filter(({ input, line }) => {
      const existing = stored.get(input.id);
      if (!existing) return true;
      // Ours: made at this job's time, with the file's details (or changed by a person since).
      if (existing.createdAt === at && (existing.version > 1 || sameEmployee(existing, employeeOf(input))))
        return false;
      throw new ConflictError(
        'employee_exists',
        `Employee ${input.id} (line ${line}) was created by someone else while the import ran; nothing of them was overwritten.`,
      );
    });
    const { first, last } = employees.importItems(
      toWrite.map((r) => ({ employee: employeeOf(r.input), directReports: r.directReports })),
      at,
    );
    const accounts = toWrite.map((r) => access.importedAccount(r.input.id, r.input.roles, at));
    return { bulk: [[...first, ...accounts], last], change: links(chunk) };
  };

  return {
    kind: 'employees',
    permission: 'employee:manage',
    columns,
    async plan(actor, csv) {
      const issues: FieldIssue[] = [];
      const records = csvRecords(csv);
      const [header, firstRow] = await readingCsv(() => [records.next().value, records.next().value]);
      if (!header || !firstRow)
        throw refused([issueAt(1, 'csv', 'A header row and at least one employee are needed')]);
      const names = columnsOf(header.fields, issues);

      // The file, row by row: each checked, looked up in the store a batch at a time, and let go.
      const firstLine = new Map<string, number>();
      const fresh: Entry[] = [];
      const storedInFile = new Set<string>();
      const roles = new Set<NewEmployee['roles'][number]>();
      let unchanged = 0;
      let rows = 0;
      const lookUps = inLookupBatches<Entry & { input: NewEmployee }>(async (batch) => {
        const stored = await employees.getMany(batch.map((r) => r.id));
        for (const { input, ...entry } of batch) {
          const existing = stored.get(entry.id);
          if (!existing) fresh.push(entry);
          else if (sameEmployee(existing, employeeOf(input))) {
            unchanged += 1;
            storedInFile.add(entry.id);
          } else
            issues.push(
              issueAt(
                entry.line,
                'id',
                `${entry.id} already exists with other details; change it with PATCH`,
              ),
            );
        }
      });
      const take = async (record: CsvRecord & CsvPosition) => {
        rows += 1;
        const row = employeeRow(names, record.fields);
        if (!row.success) {
          for (const issue of row.issues)
            issues.push(issueAt(record.line, issue.path.join('.') || 'row', issue.message));
          return;
        }
        const { id, managerId, referrerId, departmentId } = row.data;
        const first = firstLine.get(id);
        if (first !== undefined) issues.push(issueAt(record.line, 'id', `Also on line ${first}`));
        else firstLine.set(id, record.line);
        for (const role of row.data.roles) roles.add(role);
        const { offset, line } = record;
        await lookUps.add({ offset, line, id, managerId, referrerId, departmentId, input: row.data });
      };
      await take(firstRow);
      await readingCsv(async () => {
        for (const record of records) await take(record);
      });
      await lookUps.flush();
      requireRoleAuthority(actor, [...roles]);

      const newIds = new Set(fresh.map((e) => e.id));
      const inFileOrStored = (id: string) => newIds.has(id) || storedInFile.has(id);
      const referenced = [...new Set(fresh.flatMap((e) => [e.managerId, e.referrerId]))].filter(
        (id): id is string => id !== undefined && !inFileOrStored(id),
      );
      const found = await employees.getMany(referenced);
      const knownDepartments = new Set<string>();
      for (const departmentId of new Set(fresh.map((e) => e.departmentId))) {
        if (await departments.get(departmentId)) knownDepartments.add(departmentId);
      }
      for (const entry of fresh) {
        for (const field of ['managerId', 'referrerId'] as const) {
          const ref = entry[field];
          if (ref && !inFileOrStored(ref) && !found.has(ref))
            issues.push(issueAt(entry.line, field, `No employee ${ref}, here or stored`));
        }
        if (!knownDepartments.has(entry.departmentId))
          issues.push(issueAt(entry.line, 'departmentId', `No department ${entry.departmentId}`));
      }
      const ordered = inCreationOrder(fresh, issues);
      const reportsOf = new Map<string, number>();
      for (const { managerId } of fresh)
        if (managerId) reportsOf.set(managerId, (reportsOf.get(managerId) ?? 0) + 1);

      // Each row read again from where it starts in the file, as the plan is taken.
      function* planned(): Generator<PlannedEmployee> {
        for (const entry of ordered) {
          const record = csvRecords(csv, entry).next().value;
          const row = record && employeeRow(names, record.fields);
          if (!row?.success) throw new Error(`Line ${entry.line} reads differently the second time`);
          yield {
            line: entry.line,
            input: row.data,
            directReports: reportsOf.get(entry.id) ?? 0,
            createdWith: [entry.managerId, entry.referrerId].filter(
              (id): id is string => id !== undefined && newIds.has(id),
            ),
          };
        }
      }
      // A hundred people a chunk, or fewer when what they change besides themselves fills a transaction.
      return {
        rows,
        unchanged,
        issues: issues.map(importIssueOf),
        chunks:
          issues.length > 0
            ? []
            : chunksThatFit(planned(), rowsPerChunk, (chunk) => links(chunk).writes.length),
      };
    },
    prepareChunk: (chunk, { at }) => prepareChunk(chunk, at),
    idsOf: (chunk) => chunk.map((r) => r.input.id),
    // Identities follow by event; repeating it for people already there finishes an interrupted import.
    async finish(chunks) {
      let ids: string[] = [];
      for await (const chunk of chunks) {
        ids.push(...chunk.map((r) => r.input.id));
        if (ids.length >= 100) {
          await bus.publish([eventOf(employeesCreated, { employeeIds: ids.slice(0, 100) })]);
          ids = ids.slice(100);
        }
      }
      if (ids.length > 0) await bus.publish([eventOf(employeesCreated, { employeeIds: ids })]);
    },
  };
}
