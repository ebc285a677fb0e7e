import { reportsTo } from '#app/people/index.ts';
import type { EmployeeStatus } from '#domain/people/index.ts';
import { NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import type { EmployeeStore } from '#ports/people/index.ts';

/** One person of a referral tree: whom they were referred by, and how far down from its root. */
export interface ReferredPerson {
  id: string;
  name: string;
  nameLatin?: string;
  departmentId: string;
  status: EmployeeStatus;
  referrerId: string;
  depth: number;
}

/** A tree larger than this is cut (and says so). */
const largestTree = 5_000;

/**
 * Whom a person referred, directly and transitively: the referral tree below them, breadth first
 * (depth 1 are their own referrals), one Query of the referral index per person in it. HR reads any
 * tree; managers the trees of the people in their reporting line.
 */
export function makeReferralTree({
  employees,
}: {
  employees: Pick<EmployeeStore, 'get' | 'listByReferrer'>;
}) {
  return async (
    actor: Principal,
    rootId: string,
  ): Promise<{ rootId: string; people: ReferredPerson[]; truncated: boolean }> => {
    const root = await employees.get(rootId);
    if (!root) throw new NotFoundError(`Employee ${rootId}`);
    if (!actor.permissions.has('employee:manage')) {
      const inLine =
        actor.permissions.has('employee:read:team') && (await reportsTo(employees, root, actor.employeeId));
      if (!inLine)
        throw new PermissionDeniedError('HR, or managers for their own line, read referral trees.');
    }
    return referralTreeBelow(employees, rootId);
  };
}

/**
 * The referral tree below someone, unchecked (for use cases that decide on it, as overtime's
 * approver): breadth first, one Query of the referral index per person in it, cut at 5,000.
 */
export async function referralTreeBelow(
  employees: Pick<EmployeeStore, 'listByReferrer'>,
  rootId: string,
): Promise<{ rootId: string; people: ReferredPerson[]; truncated: boolean }> {
  const people: ReferredPerson[] = [];
  const seen = new Set([rootId]);
  let level = [rootId];
  for (let depth = 1; level.length > 0 && people.length <= largestTree; depth++) {
    const next: string[] = [];
    for (const referrerId of level) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await employees.listByReferrer(referrerId, {
          limit: 100,
          ...(startKey ? { startKey } : {}),
        });
        for (const e of page.items) {
          if (seen.has(e.id)) continue; // a referral circle in old data is read once
          seen.add(e.id);
          next.push(e.id);
          people.push({
            id: e.id,
            name: e.name,
            ...(e.nameLatin ? { nameLatin: e.nameLatin } : {}),
            departmentId: e.departmentId,
            status: e.status,
            referrerId,
            depth,
          });
        }
        startKey = page.nextKey;
      } while (startKey);
    }
    level = next;
  }
  return { rootId, people: people.slice(0, largestTree), truncated: people.length > largestTree };
}
