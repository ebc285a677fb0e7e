import type { DepartmentRecord } from '#domain/people/department.ts';
import type { Principal } from '#kernel/principal.ts';
import type { DepartmentStore } from '#ports/people/departmentStore.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import type { CsvExportResult, CsvExports } from '../platform/csvExports.ts';
import type { EmployeeFilter, ListedEmployee, makeListEmployees } from './listEmployees.ts';

export interface EmployeeExportDeps {
  list: ReturnType<typeof makeListEmployees>;
  employees: Pick<EmployeeStore, 'getMany'>;
  departments: Pick<DepartmentStore, 'list'>;
  writeExport: CsvExports;
}

// Ids and codes for machines, names beside them for the people who open the file in Excel.
const header = [
  'id',
  'name',
  'name (Latin)',
  'department',
  'department name',
  'department name (English)',
  'position',
  'manager',
  'manager name',
  'status',
  'hire date',
  'hire channel',
  'referrer',
  'referrer name',
  'site',
  'work email',
  'phone',
  'time zone',
  'locale',
  'key position',
  'last working day',
];

async function allDepartments(departments: EmployeeExportDeps['departments']) {
  const byId = new Map<string, DepartmentRecord>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await departments.list({ limit: 100, ...(startKey ? { startKey } : {}) });
    for (const d of page.items) byId.set(d.id, d);
    startKey = page.nextKey;
  } while (startKey);
  return byId;
}

/**
 * Exports the employees HR lists under a filter (needs employee:export; the rules are CsvExports').
 * Risk data is never in it: only the record HR keeps.
 */
export const makeExportEmployees =
  ({ list, employees, departments, writeExport }: EmployeeExportDeps) =>
  (actor: Principal, filter: EmployeeFilter, approval?: string): Promise<CsvExportResult> =>
    writeExport<ListedEmployee>({
      actor,
      what: 'employees',
      permission: 'employee:export',
      filter,
      approval,
      list: (startKey) => list(actor, filter, { limit: 100, ...(startKey ? { startKey } : {}) }),
      header,
      rows: async (listed) => {
        const found = await employees.getMany(listed.map((e) => e.id));
        const records = listed.flatMap((e) => found.get(e.id) ?? []);
        const people = await employees.getMany(
          records.flatMap((e) => [e.managerId, e.referrerId].filter((id): id is string => id !== undefined)),
        );
        const units = await allDepartments(departments);
        const nameOf = (id: string | undefined) => (id ? (people.get(id)?.name ?? '') : '');
        return records.map((e) => [
          e.id,
          e.name,
          e.nameLatin ?? '',
          e.departmentId,
          units.get(e.departmentId)?.name ?? '',
          units.get(e.departmentId)?.nameEn ?? '',
          e.position,
          e.managerId ?? '',
          nameOf(e.managerId),
          e.status,
          e.hireDate,
          e.hireChannel,
          e.referrerId ?? '',
          nameOf(e.referrerId),
          e.site,
          e.workEmail,
          e.phone,
          e.timeZone,
          e.locale,
          e.keyPosition ? 'yes' : 'no',
          e.lastWorkingDay ?? '',
        ]);
      },
    });
