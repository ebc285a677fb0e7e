import type { Employee, EmployeeRecord, summaryView } from '#domain/people/employee.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange, PreparedWrite } from '#kernel/writes.ts';

export type EmployeeSummary = ReturnType<typeof summaryView>;

/**
 * Employees in the Hr table. Reads are GetItem, BatchGetItem or one Query per page; writes are
 * prepared for the caller to commit atomically with whatever else belongs to the same change.
 */
export interface EmployeeStore {
  get(id: string, options?: { consistent?: boolean }): Promise<EmployeeRecord | undefined>;
  getMany(ids: readonly string[], options?: { consistent?: boolean }): Promise<Map<string, EmployeeRecord>>;
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
   * What new employees (an import chunk) are made of, to put whole without conditions (the caller
   * has checked that they are new): their index items `first`, their profiles `last`, so that a
   * stored profile means that all of its items are. Report counts of managers the import creates
   * come with them (`directReports`).
   */
  importItems(
    batch: readonly { employee: Employee; directReports: number }[],
    at: string,
  ): { first: PreparedWrite[]; last: PreparedWrite[] };
  /**
   * What an import chunk changes besides its people, once: managers already stored gain their new
   * reports, and the departments and referrers named must exist. `knownNew` are the ids this import
   * creates (their counts come with them, and the caller checks that they exist).
   */
  prepareImportLinks(batch: readonly Employee[], knownNew: ReadonlySet<string>): PreparedChange;
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
