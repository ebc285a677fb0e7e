import { type AccessDenial, hourOf, type RefusedAttempt } from '#domain/evidence/accessDenial.ts';
import type { Clock } from '#kernel/clock.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { AccessDenialLog } from '#ports/evidence/accessDenialLog.ts';

export interface AccessDenialDeps {
  denials: AccessDenialLog;
  clock: Clock;
  /**
   * Whether someone is resigning or has left, and their offboarding case (the latest resignation
   * that is not withdrawn); undefined for everyone else.
   */
  leaving(employeeId: string): Promise<{ caseId?: string } | undefined>;
  /** Whose case it is. */
  caseOwner(caseId: string): Promise<string | undefined>;
}

export interface AccessDenialQuery {
  actor?: string | undefined;
  caseId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Refused attempts HR must see. The HTTP layer reports every refusal of a route that asks for it;
 * this keeps those of people who are resigning or have left, and those a route keeps from everyone
 * (a refused export), counted per actor, action, target and hour.
 */
export function makeAccessDenials(deps: AccessDenialDeps) {
  return {
    async refused(attempt: RefusedAttempt, options: { everyone: boolean }): Promise<void> {
      const leaving = await deps.leaving(attempt.actor);
      if (!leaving && !options.everyone) return;
      const at = deps.clock.now();
      const { requestId, ...denial } = attempt;
      await deps.denials.record({
        ...denial,
        ...(leaving?.caseId ? { caseId: leaving.caseId } : {}),
        hour: hourOf(at),
        at: at.toISOString(),
        requestId,
      });
    },

    /** HR reads the log: newest first, by actor, by case (its leaver's attempts in it) and by time. */
    async list(
      actor: Principal,
      query: AccessDenialQuery,
      page: PageRequest,
    ): Promise<PageResult<AccessDenial>> {
      requirePermission(actor, 'evidence:read');
      const { caseId, ...filter } = query;
      if (!caseId) return deps.denials.list(filter, page);
      const owner = await deps.caseOwner(caseId);
      if (!owner || (filter.actor && filter.actor !== owner)) return { items: [] };
      const result = await deps.denials.list({ ...filter, actor: owner }, page);
      return { ...result, items: result.items.filter((d) => d.caseId === caseId) };
    },

    /** Every attempt counted against a case, oldest first (for its report). */
    async ofCase(caseId: string, employeeId: string): Promise<AccessDenial[]> {
      const found: AccessDenial[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await deps.denials.list(
          { actor: employeeId },
          { limit: 100, ...(startKey ? { startKey } : {}) },
        );
        found.push(...page.items.filter((d) => d.caseId === caseId));
        startKey = page.nextKey;
      } while (startKey);
      return found.reverse();
    },
  };
}

export type AccessDenials = ReturnType<typeof makeAccessDenials>;
