import { Department, type DepartmentRecord } from '#domain/people/department.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, invalidFields, NotFoundError, requireVersion } from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { committing, type Writes } from '#kernel/writes.ts';
import type { DepartmentStore } from '#ports/people/departmentStore.ts';

export interface DepartmentDeps {
  departments: DepartmentStore;
  writes: Writes;
  clock: Clock;
}

/** A parent may not sit below the department itself. */
async function refuseParentCycle(departments: DepartmentStore, id: string, parentId: string | undefined) {
  const seen = new Set<string>();
  for (let next = parentId; next && !seen.has(next); ) {
    if (next === id) {
      throw new InvalidInputError(
        'The parent sits below this department.',
        [{ field: 'parentId', message: `${parentId} is inside ${id}` }],
        'department_cycle',
      );
    }
    seen.add(next);
    next = (await departments.get(next))?.parentId;
  }
}

/** Departments: HR shapes them, everyone may read them (they are the directory's structure). */
export const makeDepartments = ({ departments, writes, clock }: DepartmentDeps) => ({
  async create(actor: Principal, department: Department): Promise<DepartmentRecord> {
    requirePermission(actor, 'employee:manage');
    const at = clock.now().toISOString();
    await committing(departments.prepareCreate(department, at), (w) => writes.commit(w));
    return { ...department, version: 1, createdAt: at, updatedAt: at };
  },

  async update(
    actor: Principal,
    id: string,
    changes: {
      name?: string;
      nameEn?: string | null;
      parentId?: string | null;
      headId?: string | null;
    },
    expectedVersion: number | undefined,
  ): Promise<DepartmentRecord> {
    requirePermission(actor, 'employee:manage');
    const before = await departments.get(id);
    if (!before) throw new NotFoundError(`Department ${id}`);
    requireVersion(before.version, expectedVersion);
    const { version: _v, createdAt: _c, updatedAt: _u, ...current } = before;
    const merged = Object.fromEntries(
      Object.entries({ ...current, ...changes }).filter(([, v]) => v !== null && v !== undefined),
    );
    const parsed = Department.safeParse(merged);
    if (!parsed.success) throw invalidFields(parsed.error.issues);
    await refuseParentCycle(departments, id, parsed.data.parentId);
    const at = clock.now().toISOString();
    await committing(departments.prepareUpdate(before, parsed.data, at), (w) => writes.commit(w));
    return { ...parsed.data, version: before.version + 1, createdAt: before.createdAt, updatedAt: at };
  },

  async get(actor: Principal, id: string): Promise<DepartmentRecord> {
    requirePermission(actor, 'employee:read:directory');
    const department = await departments.get(id);
    if (!department) throw new NotFoundError(`Department ${id}`);
    return department;
  },

  async list(actor: Principal, page: PageRequest): Promise<PageResult<DepartmentRecord>> {
    requirePermission(actor, 'employee:read:directory');
    return departments.list(page);
  },
});
