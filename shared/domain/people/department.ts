import { DepartmentId, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

/**
 * Department. Items (table Hr):
 *   pk = DEPT#<id>  sk = PROFILE     gsi1pk = DEPARTMENTS  gsi1sk = <name>#<id>
 * Access patterns: one department (GetItem); every department by name (Query gsi1 DEPARTMENTS).
 */
export const Department = z
  .object({
    id: DepartmentId,
    /** As the company names it (usually Chinese): 销售部. */
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    /** Its English name, for readers of English: Sales. */
    nameEn: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    parentId: z.optional(DepartmentId),
    headId: z.optional(EmployeeId),
  })
  .check(
    z.refine((d) => d.parentId !== d.id, {
      message: 'A department is not its own parent',
      path: ['parentId'],
    }),
  );
export type Department = z.infer<typeof Department>;

export type DepartmentRecord = Department & { version: number; createdAt: string; updatedAt: string };

export const departmentKeys = {
  item: (id: string) => ({ pk: `DEPT#${id}`, sk: 'PROFILE' }),
  all: () => ({ gsi1pk: 'DEPARTMENTS' }),
};

export function departmentItem(record: DepartmentRecord) {
  return {
    ...departmentKeys.item(record.id),
    ...departmentKeys.all(),
    gsi1sk: `${record.name}#${record.id}`,
    type: 'Department',
    ...record,
  };
}
