import { DepartmentId, EmployeeId } from './ids.ts';
import * as z from './zod.ts';

/**
 * Department. Items (table Hr):
 *   pk = DEPT#<id>  sk = PROFILE     gsi1pk = DEPARTMENTS  gsi1sk = <name>#<id>
 * Access patterns: one department (GetItem); every department by name (Query gsi1 DEPARTMENTS).
 */
export const Department = z.object({
  id: DepartmentId,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  parentId: z.optional(DepartmentId),
  headId: z.optional(EmployeeId),
});
export type Department = z.infer<typeof Department>;

export const departmentKeys = {
  item: (id: string) => ({ pk: `DEPT#${id}`, sk: 'PROFILE' }),
  all: () => ({ gsi1pk: 'DEPARTMENTS' }),
};

export function departmentItem(department: Department, meta: { at: string; version: number }) {
  return {
    ...departmentKeys.item(department.id),
    ...departmentKeys.all(),
    gsi1sk: `${department.name}#${department.id}`,
    type: 'Department',
    ...department,
    version: meta.version,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
}
