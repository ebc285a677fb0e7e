import {
  directoryView,
  type EmployeeRecord,
  EmployeeStatus,
  reportsStartKey,
  summaryView,
} from '#domain/people/employee.ts';
import { NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { PageRequest, PageResult, StartKey } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import { reportsTo } from './reportingLine.ts';

/** Any of these, combined: each given one must hold. Without any, everyone (HR). */
export interface EmployeeFilter {
  departmentId?: string | undefined;
  managerId?: string | undefined;
  /** With managerId: the whole tree below the manager, not only the direct reports. */
  indirect?: boolean | undefined;
  status?: EmployeeStatus | undefined;
  referrerId?: string | undefined;
  /** Whose name in either script, or a word of it, starts with this (any case): 王 or wang finds 王芳 (Wang Fang). */
  name?: string | undefined;
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase();

/** Whether a name, or one of its words, begins with the prefix. */
export const nameStartsWith = (name: string, prefix: string): boolean => {
  const wanted = fold(prefix.trim());
  return [name, ...name.split(/\s+/)].some((part) => fold(part).startsWith(wanted));
};

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

type EveryoneKey = { status: EmployeeStatus; key?: StartKey };

/** Everyone, status by status (active, resigning, left), each by name: one Query per status read. */
async function pageOfEveryone(
  employees: EmployeeStore,
  page: PageRequest,
): Promise<PageResult<ListedEmployee>> {
  const statuses = EmployeeStatus.options;
  const start = page.startKey as EveryoneKey | undefined;
  let index = start ? statuses.indexOf(start.status) : 0;
  let key = start?.key;
  const items: ListedEmployee[] = [];
  while (index < statuses.length && items.length < page.limit) {
    const result = await employees.listByStatus(statuses[index] as EmployeeStatus, {
      limit: page.limit - items.length,
      ...(key ? { startKey: key } : {}),
    });
    items.push(...result.items);
    if (result.nextKey) key = result.nextKey;
    else {
      index++;
      key = undefined;
    }
  }
  const next: EveryoneKey | undefined =
    index < statuses.length
      ? { status: statuses[index] as EmployeeStatus, ...(key ? { key } : {}) }
      : undefined;
  return { items, ...(next ? { nextKey: next } : {}) };
}

/**
 * Lists of employees, each a Query on its own access pattern: by manager (with `indirect` for the
 * whole tree; HR, or managers for their own line), by department (the directory, for everyone), by
 * referrer and by status (HR). Filters combine: the first of those given, in that order, picks the
 * Query, and the others are checked on what it reads, so a page may hold fewer than `limit` items
 * (and still have a next). HR sees summaries, managers their teams' summaries, everyone else
 * directory entries.
 */
export const makeListEmployees =
  ({ employees }: { employees: EmployeeStore }) =>
  async (
    actor: Principal,
    filter: EmployeeFilter,
    page: PageRequest,
  ): Promise<PageResult<ListedEmployee>> => {
    const isHr = actor.permissions.has('employee:manage');
    const { departmentId, managerId, status, referrerId, name } = filter;
    // In either script: 王 and wang both find 王芳 (Wang Fang).
    const named = (e: { name: string; nameLatin?: string | undefined }) =>
      name === undefined ||
      nameStartsWith(e.name, name) ||
      (e.nameLatin !== undefined && nameStartsWith(e.nameLatin, name));
    const hrOnly = status !== undefined || referrerId !== undefined || (!departmentId && !managerId);
    if (hrOnly) requirePermission(actor, 'employee:manage');
    const holds = (e: {
      name: string;
      nameLatin?: string | undefined;
      departmentId: string;
      status: EmployeeStatus;
      referrerId?: string | undefined;
    }) =>
      named(e) &&
      (departmentId === undefined || e.departmentId === departmentId) &&
      (status === undefined || e.status === status) &&
      (referrerId === undefined || e.referrerId === referrerId);

    if (managerId) {
      if (!isHr) {
        requirePermission(actor, 'employee:read:team');
        if (managerId !== actor.employeeId) {
          const manager = await employees.get(managerId);
          if (!manager) throw new NotFoundError(`Employee ${managerId}`);
          if (!(await reportsTo(employees, manager, actor.employeeId))) {
            throw new PermissionDeniedError('Managers list only the teams in their own reporting line.');
          }
        }
      }
      const result = filter.indirect
        ? await pageOfTree(employees, managerId, page)
        : await employees.listDirectReports(managerId, page);
      return { ...result, items: result.items.filter(holds).map(summaryView) };
    }
    if (departmentId) {
      if (!isHr) requirePermission(actor, 'employee:read:directory');
      const result = await employees.listByDepartment(departmentId, page);
      return { ...result, items: result.items.filter(holds).map(isHr ? summaryView : directoryView) };
    }
    if (referrerId) {
      const result = await employees.listByReferrer(referrerId, page);
      return {
        ...result,
        items: result.items.filter((e) => named(e) && (status === undefined || e.status === status)),
      };
    }
    const result = status
      ? await employees.listByStatus(status, page)
      : await pageOfEveryone(employees, page);
    return { ...result, items: result.items.filter(named) };
  };
