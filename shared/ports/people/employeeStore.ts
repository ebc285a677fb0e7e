import type { Employee, EmployeeRecord, summaryView } from '#domain/people/employee.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export type EmployeeSummary = ReturnType<typeof summaryView>;

/**
 * Employees in the Hr table. Reads are GetItem, BatchGetItem or one Query per page; writes are
 * prepared for the caller to commit atomically with whatever else belongs to the same change.
 */
export interface EmployeeStore {
  get(id: string, options?: { consistent?: boolean }): Promise<EmployeeRecord | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, EmployeeRecord>>;
  listByDepartment(departmentId: string, page: PageRequest): Promise<PageResult<EmployeeRecord>>;
  listDirectReports(managerId: string, page: PageRequest): Promise<PageResult<EmployeeRecord>>;
  listByStatus(status: Employee['status'], page: PageRequest): Promise<PageResult<EmployeeSummary>>;
  listByReferrer(referrerId: string, page: PageRequest): Promise<PageResult<EmployeeSummary>>;
  /** Whoever has this WeCom member id (one, unless two records were given the same). */
  findByWeComUser(userId: string): Promise<EmployeeSummary[]>;
  /**
   * A new employee: the profile (which must not exist yet), its index items, one more report for
   * the manager (who must exist), and checks that the department and referrer exist.
   */
  prepareCreate(employee: Employee, at: string): PreparedChange;
  /**
   * New employees at once (an import chunk). `knownNew` are ids this import creates: their existence is
   * checked by the caller, and the report counts of new managers come with them (`directReports`).
   * Existing managers gain their new reports; every employee must not exist yet.
   */
  prepareImport(
    batch: readonly { employee: Employee; directReports: number }[],
    at: string,
    knownNew: ReadonlySet<string>,
  ): PreparedChange;
  /**
   * A change to a stored employee, on condition that it is still at `before.version`. A new manager
   * must exist; given the line above them (the new manager first), none of it may move meanwhile.
   */
  prepareUpdate(
    before: EmployeeRecord,
    after: Employee,
    at: string,
    context?: { newManagerLine?: readonly Pick<Employee, 'id' | 'managerId'>[] },
  ): PreparedChange;
}
