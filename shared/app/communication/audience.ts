import type { NoticeAudience, Recipient } from '#domain/communication/notice.ts';
import type { EmployeeStatus } from '#domain/people/index.ts';
import { InvalidInputError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import type { AccessStore, DepartmentStore, EmployeeStore } from '#ports/people/index.ts';

export interface AudienceDeps {
  employees: Pick<EmployeeStore, 'getMany' | 'listByDepartment' | 'listByStatus'>;
  departments: Pick<DepartmentStore, 'list'>;
  access: Pick<AccessStore, 'rolesOf'>;
}

/** Who works here now: someone who has resigned still does until their last day. */
const current = (status: EmployeeStatus) => status !== 'left';

/**
 * The people an audience names, now: the union of everyone, the named people, the departments (with
 * the departments below them, where asked) and the holders of the roles; each once, by id.
 */
export function makeAudienceResolver({ employees, departments, access }: AudienceDeps) {
  const everyone = async () =>
    (
      await Promise.all(
        (['active', 'resigning'] as const).map((status) =>
          everyPage((page) => employees.listByStatus(status, page), 1000),
        ),
      )
    ).flat();

  return async (audience: NoticeAudience): Promise<Recipient[]> => {
    const found = new Map<string, Recipient>();
    const add = (people: readonly { id: string; departmentId: string; status: EmployeeStatus }[]) => {
      for (const p of people)
        if (current(p.status)) found.set(p.id, { employeeId: p.id, departmentId: p.departmentId });
    };
    const all = audience.everyone || audience.roles ? await everyone() : [];
    if (audience.everyone) add(all);
    if (audience.employeeIds) {
      const named = await employees.getMany(audience.employeeIds);
      const issues = audience.employeeIds.flatMap((id, n) =>
        named.get(id) && current(named.get(id)?.status ?? 'left')
          ? []
          : [{ field: `audience.employeeIds.${n}`, message: `${id} does not work here` }],
      );
      if (issues.length > 0)
        throw new InvalidInputError('Some named people do not work here.', issues, 'reference_not_found');
      add([...named.values()]);
    }
    if (audience.departments) {
      const tree = await everyPage((page) => departments.list(page), 1000);
      const known = new Set(tree.map((d) => d.id));
      const issues = audience.departments.flatMap((d, n) =>
        known.has(d.id) ? [] : [{ field: `audience.departments.${n}.id`, message: `No department ${d.id}` }],
      );
      if (issues.length > 0)
        throw new InvalidInputError('Some departments do not exist.', issues, 'reference_not_found');
      const named = new Set<string>();
      for (const { id, includeSubdepartments } of audience.departments) {
        named.add(id);
        // The departments below, level by level (a cycle cannot be stored, but is not followed twice).
        for (let level = [id]; includeSubdepartments && level.length > 0; ) {
          level = tree
            .filter((d) => d.parentId && level.includes(d.parentId) && !named.has(d.id))
            .map((d) => d.id);
          for (const below of level) named.add(below);
        }
      }
      for (const departmentId of named)
        add(await everyPage((page) => employees.listByDepartment(departmentId, page), 1000));
    }
    if (audience.roles) {
      const wanted = new Set(audience.roles);
      const roles = await access.rolesOf(all.map((p) => p.id));
      add(all.filter((p) => (roles.get(p.id) ?? []).some((role) => wanted.has(role))));
    }
    return [...found.values()].sort((a, b) => a.employeeId.localeCompare(b.employeeId));
  };
}
