import { chunksThatFit, type ImportHandler, type ImportPlan, importIssueOf } from '#domain/imports/index.ts';
import { type Employee, NewEmployee } from '#domain/people/employee.ts';
import { employeesCreated } from '#domain/people/events/index.ts';
import { CsvSyntaxError, parseCsv } from '#kernel/csv.ts';
import { type FieldIssue, InvalidInputError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import { combineChanges } from '#kernel/writes.ts';
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

interface Row {
  line: number;
  input: NewEmployee;
}

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

/** Header and rows into typed rows (and how many data rows there are), every problem of every line collected. */
function readRows(csv: string, issues: FieldIssue[]): { rows: Row[]; records: number } {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw refused([issueAt(error.line, 'csv', error.message)]);
    throw error;
  }
  const [header, ...body] = records;
  if (!header || body.length === 0)
    throw refused([issueAt(1, 'csv', 'A header row and at least one employee are needed')]);
  const names = header.fields.map((f) => f.trim());
  for (const name of names) {
    if (!(columns as readonly string[]).includes(name))
      issues.push(issueAt(1, name, `Unknown column; the columns are ${columns.join(', ')}`));
  }
  for (const name of requiredColumns)
    if (!names.includes(name)) issues.push(issueAt(1, name, 'This column is required'));
  if (issues.length > 0) throw refused(issues);

  const rows: Row[] = [];
  for (const record of body) {
    if (record.fields.length !== names.length) {
      issues.push(
        issueAt(record.line, 'csv', `Expected ${names.length} fields, found ${record.fields.length}`),
      );
      continue;
    }
    const raw: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const value = (record.fields[i] ?? '').trim();
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
    if (parsed.success) rows.push({ line: record.line, input: parsed.data });
    else
      for (const issue of parsed.error.issues)
        issues.push(issueAt(record.line, issue.path.join('.') || 'row', issue.message));
  }
  return { rows, records: body.length };
}

/** Managers (and referrers) before the people who name them, so that no chunk points at someone not yet there. */
function inCreationOrder(rows: readonly Row[], issues: FieldIssue[]): Row[] {
  const byId = new Map(rows.map((r) => [r.input.id, r]));
  const ordered: Row[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (row: Row) => {
    const id = row.input.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      issues.push(issueAt(row.line, 'managerId', 'The reporting lines in the file form a circle'));
      return;
    }
    state.set(id, 'visiting');
    for (const ref of [row.input.managerId, row.input.referrerId]) {
      const before = ref ? byId.get(ref) : undefined;
      if (before && before !== row) visit(before);
    }
    state.set(id, 'done');
    ordered.push(row);
  };
  for (const row of rows) visit(row);
  return ordered;
}

const employeeOf = ({ roles: _roles, ...fields }: NewEmployee): Employee => ({ ...fields, status: 'active' });

const sameEmployee = (stored: Employee, input: Employee) =>
  (Object.keys(input) as (keyof Employee)[]).every((k) => stored[k] === input[k]);

/** A row of the plan: the employee, and how many of the file's people report to them. */
interface PlannedEmployee {
  line: number;
  input: NewEmployee;
  directReports: number;
}

/**
 * Onboards a company's existing staff from CSV, as an import job (shared/app/imports). Every row is
 * checked first (fields, duplicates, references to people and departments in the file or already
 * stored, circles in reporting lines) and every problem is reported with its line; rows already
 * imported with the same details count as unchanged, so sending the same file again is harmless.
 * Managers (and referrers) come before the people who name them, chunk by chunk.
 */
export function makeEmployeeImport({
  employees,
  departments,
  access,
  bus,
}: ImportEmployeesDeps): ImportHandler<PlannedEmployee> {
  const newIdsOf = (plan: ImportPlan<PlannedEmployee>) =>
    new Set(plan.chunks.flatMap((chunk) => chunk.map((r) => r.input.id)));
  const prepare = (chunk: readonly PlannedEmployee[], newIds: ReadonlySet<string>, at: string) =>
    combineChanges(
      employees.prepareImport(
        chunk.map((r) => ({ employee: employeeOf(r.input), directReports: r.directReports })),
        at,
        newIds,
      ),
      ...chunk.map((r) => access.prepareAccount(r.input.id, r.input.roles, at)),
    );

  return {
    kind: 'employees',
    permission: 'employee:manage',
    columns,
    async plan(actor, csv) {
      const issues: FieldIssue[] = [];
      const { rows, records } = readRows(csv, issues);

      const seen = new Map<string, number>();
      for (const row of rows) {
        const first = seen.get(row.input.id);
        if (first !== undefined) issues.push(issueAt(row.line, 'id', `Also on line ${first}`));
        else seen.set(row.input.id, row.line);
      }
      requireRoleAuthority(
        actor,
        rows.flatMap((r) => r.input.roles),
      );

      const stored = await employees.getMany(rows.map((r) => r.input.id));
      const fresh = rows.filter((r) => !stored.has(r.input.id));
      let unchanged = 0;
      for (const row of rows) {
        const existing = stored.get(row.input.id);
        if (!existing) continue;
        if (sameEmployee(existing, employeeOf(row.input))) unchanged += 1;
        else
          issues.push(
            issueAt(
              row.line,
              'id',
              `${row.input.id} already exists with other details; change it with PATCH`,
            ),
          );
      }

      const newIds = new Set(fresh.map((r) => r.input.id));
      const inFileOrStored = new Set([...newIds, ...stored.keys()]);
      const referenced = [...new Set(fresh.flatMap((r) => [r.input.managerId, r.input.referrerId]))].filter(
        (id): id is string => id !== undefined && !inFileOrStored.has(id),
      );
      const found = await employees.getMany(referenced);
      const knownDepartments = new Set<string>();
      for (const departmentId of new Set(fresh.map((r) => r.input.departmentId))) {
        if (await departments.get(departmentId)) knownDepartments.add(departmentId);
      }
      for (const { line, input } of fresh) {
        for (const field of ['managerId', 'referrerId'] as const) {
          const ref = input[field];
          if (ref && !inFileOrStored.has(ref) && !found.has(ref))
            issues.push(issueAt(line, field, `No employee ${ref}, here or stored`));
        }
        if (!knownDepartments.has(input.departmentId))
          issues.push(issueAt(line, 'departmentId', `No department ${input.departmentId}`));
      }
      const ordered = inCreationOrder(fresh, issues);
      const reportsOf = new Map<string, number>();
      for (const { input } of fresh)
        if (input.managerId) reportsOf.set(input.managerId, (reportsOf.get(input.managerId) ?? 0) + 1);
      const planned = ordered.map((r) => ({ ...r, directReports: reportsOf.get(r.input.id) ?? 0 }));

      // As many people per transaction as fit (their index items and accounts included).
      const at = new Date(0).toISOString();
      const chunks = chunksThatFit(planned, 24, (chunk) => prepare(chunk, newIds, at).writes.length);
      return {
        rows: records,
        unchanged,
        issues: issues.map(importIssueOf),
        chunks: issues.length > 0 ? [] : chunks,
      };
    },
    prepareChunk: (chunk, plan, { at }) => prepare(chunk, newIdsOf(plan), at),
    idsOf: (chunk) => chunk.map((r) => r.input.id),
    // Identities follow by event; repeating it for people already there finishes an interrupted import.
    async finish(plan) {
      const ids = [...newIdsOf(plan)];
      for (let i = 0; i < ids.length; i += 100)
        await bus.publish([eventOf(employeesCreated, { employeeIds: ids.slice(i, i + 100) })]);
    },
  };
}
