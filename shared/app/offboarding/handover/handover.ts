import type { CaseList, HandoverItemBase, OffboardingCase } from '#domain/offboarding/case.ts';
import { ConflictError, isDomainError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { closeNodeIfComplete, updateCase } from './caseTasks.ts';
import { handoverContext } from './context.ts';
import type { OffboardingDeps } from './deps.ts';
import { type Confirmation, nodeKindOf, nodeKinds } from './nodes/index.ts';
import type { ConfirmationInput } from './nodes/nodeKind.ts';

/** A case as its readers see it: without the workflow's task tokens. */
export const withoutTokens = ({ nodes, ...c }: OffboardingCase) => ({
  ...c,
  nodes: nodes.map(({ taskToken: _t, ...n }) => n),
});

/**
 * What people do in a handover, through the API. Each node kind brings its confirmations (successors
 * accept customers, the manager approves the work report, the admin office confirms assets…); every
 * one is signed over exactly what was confirmed where it says so, recorded in the evidence log, and
 * closes its node when it was the last thing missing.
 */
export function makeHandover(deps: OffboardingDeps) {
  const context = handoverContext(deps);

  const load = async (caseId: string) => {
    const c = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError(`Case ${caseId}`);
    return c;
  };

  /**
   * What a reader sees: the case, and each node kind's view of its items; with the version its
   * If-Match edits compare with (its ETag), when it has such edits.
   */
  const view = (c: OffboardingCase, items: readonly HandoverItemBase[], actor: Principal) => {
    const itemsOf = nodeKinds.map((kind) => ({
      kind,
      items: items.filter((i) => i.node === kind.kind).map((i) => kind.item.parse(i)),
    }));
    return {
      body: {
        ...withoutTokens(c),
        items: Object.fromEntries(
          itemsOf.map(({ kind, items }) => [kind.view.key, kind.view.of(items, actor)]),
        ),
      },
      version: itemsOf.map(({ kind, items }) => kind.editedVersion?.(items)).find((v) => v !== undefined),
    };
  };

  /** HR, the employee, their managers, their successors and the admin office read a case. */
  const read = async (actor: Principal, caseId: string) => {
    const c = await load(caseId);
    const items = await deps.cases.items(caseId);
    const involved =
      context.isHr(actor) ||
      actor.employeeId === c.employeeId ||
      c.successorIds.includes(actor.employeeId) ||
      nodeKinds.some((kind) =>
        kind.involves?.(
          items.filter((i) => i.node === kind.kind).map((i) => kind.item.parse(i)),
          actor.employeeId,
        ),
      ) ||
      actor.permissions.has('offboarding:confirm-assets') ||
      (await context.isManagerOf(actor, c));
    if (!involved) throw new PermissionDeniedError('Only those involved in this handover read it.');
    return view(c, items, actor);
  };

  return {
    read,

    async list(actor: Principal, list: CaseList, page: PageRequest) {
      requirePermission(actor, 'offboarding:manage');
      const result = await deps.cases.list(list, page);
      return { ...result, items: result.items.map(withoutTokens) };
    },

    /** Someone does one of a node kind's confirmations; the answer is the case after it. */
    async confirm(
      kind: string,
      confirmation: Confirmation,
      actor: Principal,
      caseId: string,
      input: ConfirmationInput,
    ): Promise<Awaited<ReturnType<typeof read>>> {
      for (let attempt = 1; ; attempt++) {
        try {
          await confirmation.run(context, actor, await load(caseId), input);
          break;
        } catch (error) {
          const raced = isDomainError(error) && error.code === 'stale_version';
          if (!(raced && confirmation.retryOnRace) || attempt >= 4) throw error;
        }
      }
      if (confirmation.mayComplete) await closeNodeIfComplete(deps, caseId, kind);
      return read(actor, caseId);
    },

    /**
     * HR starts the workflow again for a case that stopped (needs attention) or lost its execution: a
     * new execution takes the case over and continues from what the case records.
     */
    async resume(actor: Principal, caseId: string) {
      requirePermission(actor, 'offboarding:manage');
      const at = deps.clock.now().toISOString();
      const c = await updateCase(deps, caseId, (current) => {
        if (current.status === 'completed' || current.status === 'cancelled')
          throw new ConflictError('case_ended', `Case ${caseId} is ${current.status}.`);
        const { attention: _a, ...rest } = current;
        return {
          after: { ...rest, status: 'open' },
          evidence: [
            {
              actor: actor.employeeId,
              action: 'offboarding.resume-requested',
              subject: `employee:${current.employeeId}`,
              caseId,
              details: { was: current.status, attention: current.attention?.reason },
            },
          ],
        };
      });
      if (!c) throw new NotFoundError(`Case ${caseId}`);
      // What a failed step may have left undone: the nodes' items follow the resignation as it is now.
      const resignation = await deps.resignations.get(c.employeeId, caseId);
      if (resignation)
        for (const node of c.nodes) await nodeKindOf(node.kind).follow?.(context, c, resignation);
      await deps.workflow.start('Handover', `${caseId}-resume-${c.version}`, {
        detail: { employeeId: c.employeeId, resignationId: c.id, lastWorkingDay: c.lastWorkingDay },
        resume: true,
        requestedAt: at,
      });
      return withoutTokens(c);
    },
  };
}
