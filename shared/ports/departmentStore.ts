import type { Department, DepartmentRecord } from '#domain/department.ts';
import type { PageRequest, PageResult } from './pages.ts';
import type { PreparedChange } from './writes.ts';

export interface DepartmentStore {
  get(id: string): Promise<DepartmentRecord | undefined>;
  list(page: PageRequest): Promise<PageResult<DepartmentRecord>>;
  prepareCreate(department: Department, at: string): PreparedChange;
  prepareUpdate(before: DepartmentRecord, after: Department, at: string): PreparedChange;
}
