import {
  directoryView,
  type EmployeeRecord,
  type EmployeeStatus,
  reportsStartKey,
  summaryView,
} from '#domain/people/employee.ts';
import { NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { PageRequest, PageResult, StartKey } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import { reportsTo } from './reportingLine.ts';

export type EmployeeFilter =
  | { departmentId: string }
  | { managerId: string; indirect: boolean }
  | { status: EmployeeStatus }
  | { referrerId: string };

export type ListedEmployee = ReturnType<typeof summaryView> | ReturnType<typeof directoryView>;

/** Where a walk through a reporting tree stands: per level, the manager and the last report listed. */
type Frame = [managerId: string, last?: { id: string; name: string }];

/**
 * A page of everyone below a manager, depth first: each report, then their own team, then the next
 * report. One Query per team visited; the cursor keeps only the path down, never the whole tree.
 */
async function pageOfTree(
  employees: EmployeeStore,
  root: string,
  page: PageRequest,
): Promise<PageResult<EmployeeRecord>> {
  const stack: Frame[] = (page.startKey?.stack as Frame[] | undefined) ?? [[root]];
  const items: EmployeeRecord[] = [];
  while (items.length < page.limit && stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const [managerId, last] = frame;
    const reports = await employees.listDirectReports(managerId, {
      limit: page.limit - items.length,
      ...(last ? { startKey: reportsStartKey(managerId, last) } : {}),
    });
    let stopped = false;
    for (const report of reports.items) {
      items.push(report);
      frame[1] = { id: report.id, name: report.name };
      if (report.directReports > 0) {
        stack.push([report.id]);
        stopped = true;
        break;
      }
      if (items.length >= page.limit) {
        stopped = true;
        break;
      }
    }
    if (!stopped && !reports.nextKey) stack.pop();
  }
  return { items, ...(stack.length > 0 ? { nextKey: { stack } as StartKey } : {}) };
}

/**
 * Lists of employees, each a Query on its own access pattern: by department (the directory, for
 * everyone), by manager with `indirect` for the whole tree (HR, or managers for their own line), by
 * status and by referrer (HR). HR sees summaries, everyone else directory entries.
 */
export const makeListEmployees =
  ({ employees }: { employees: EmployeeStore }) =>
  async (
    actor: Principal,
    filter: EmployeeFilter,
    page: PageRequest,
  ): Promise<PageResult<ListedEmployee>> => {
    const isHr = actor.permissions.has('employee:manage');
    if ('departmentId' in filter) {
      if (!isHr) requirePermission(actor, 'employee:read:directory');
      const result = await employees.listByDepartment(filter.departmentId, page);
      return { ...result, items: result.items.map(isHr ? summaryView : directoryView) };
    }
    if ('managerId' in filter) {
      if (!isHr) {
        requirePermission(actor, 'employee:read:team');
        if (filter.managerId !== actor.employeeId) {
          const manager = await employees.get(filter.managerId);
          if (!manager) throw new NotFoundError(`Employee ${filter.managerId}`);
          if (!(await reportsTo(employees, manager, actor.employeeId))) {
            throw new PermissionDeniedError('Managers list only the teams in their own reporting line.');
          }
        }
      }
      const result = filter.indirect
        ? await pageOfTree(employees, filter.managerId, page)
        : await employees.listDirectReports(filter.managerId, page);
      return { ...result, items: result.items.map(summaryView) };
    }
    requirePermission(actor, 'employee:manage');
    return 'status' in filter
      ? employees.listByStatus(filter.status, page)
      : employees.listByReferrer(filter.referrerId, page);
  };
