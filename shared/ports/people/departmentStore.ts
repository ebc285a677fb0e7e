import type { Department, DepartmentRecord } from '#domain/people/department.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface DepartmentStore {
  get(id: string): Promise<DepartmentRecord | undefined>;
  list(page: PageRequest): Promise<PageResult<DepartmentRecord>>;
  prepareCreate(department: Department, at: string): PreparedChange;
  prepareUpdate(before: DepartmentRecord, after: Department, at: string): PreparedChange;
}
