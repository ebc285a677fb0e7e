import type { CaseList, HandoverItemBase, OffboardingCase } from '#domain/offboarding/case.ts';
import { ConflictError, isDomainError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { PageRequest, PageResult, StartKey } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { closeNodeIfComplete, updateCase } from './caseTasks.ts';
import { handoverContext } from './context.ts';
import type { OffboardingDeps } from './deps.ts';
import { type Confirmation, type NodeKind, nodeKindOf, nodeKinds } from './nodes/index.ts';
import type { ConfirmationInput } from './nodes/nodeKind.ts';

/** How many items of each node the case view carries; GET …/items?node= pages the rest. */
export const firstPageSize = 25;

/** The items after an id (a page's start), at most `limit`; where the next page starts, if any. */
function pageAfter(
  shown: readonly { id: string; view: unknown }[],
  after: string | undefined,
  limit: number,
): PageResult<unknown> {
  const rest = after === undefined ? shown : shown.filter((i) => i.id > after);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((i) => i.view),
    ...(rest.length > limit && last ? { nextKey: { after: last.id } } : {}),
  };
}

/** A case as its readers see it: without the workflow's task tokens and execution (an ARN in AWS). */
export const withoutTokens = ({ nodes, executionId: _e, ...c }: OffboardingCase) => ({
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

  /** The items of a node a reader sees, as they see them, in id order (the store's). */
  const shownItems = (kind: NodeKind, items: readonly HandoverItemBase[], actor: Principal) =>
    items
      .filter((i) => i.node === kind.kind)
      .map((i) => kind.item.parse(i))
      .filter((i) => kind.view.shows?.(i, actor) ?? true)
      .map((i) => ({ id: i.id, status: i.status, view: kind.view.of ? kind.view.of(i) : i }));

  /**
   * What a reader sees: the case, and per node the counts of its items and their first page (a
   * node of one item shows it); with the version its If-Match edits compare with (its ETag), when it
   * has such edits. A first page that goes on says where (`continued`: the HTTP layer makes it the
   * node's `nextCursor` for GET …/items?node=).
   */
  const view = (c: OffboardingCase, items: readonly HandoverItemBase[], actor: Principal) => {
    const continued: { key: string; node: string; nextKey: StartKey }[] = [];
    const body = Object.fromEntries(
      nodeKinds.map((kind) => {
        const shown = shownItems(kind, items, actor);
        if (kind.view.single) return [kind.view.key, shown[0]?.view];
        const byStatus: Record<string, number> = {};
        for (const { status } of shown) byStatus[status] = (byStatus[status] ?? 0) + 1;
        const page = pageAfter(shown, undefined, firstPageSize);
        if (page.nextKey) continued.push({ key: kind.view.key, node: kind.kind, nextKey: page.nextKey });
        return [kind.view.key, { total: shown.length, byStatus, items: page.items }];
      }),
    );
    return {
      body: { ...withoutTokens(c), items: body },
      version: nodeKinds
        .map((kind) =>
          kind.editedVersion?.(items.filter((i) => i.node === kind.kind).map((i) => kind.item.parse(i))),
        )
        .find((v) => v !== undefined),
      continued,
    };
  };

  /**
   * HR, the employee, their managers, their successors and the admin office read a case, and only they
   * learn that it exists: every route of a case asks this first (then what the caller may do there).
   */
  const readable = async (actor: Principal, caseId: string) => {
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
    // To anyone else the case is not there, as an invented id is not: case ids cannot be probed.
    if (!involved) throw new NotFoundError(`Case ${caseId}`);
    return { c, items };
  };

  /** Whether the caller may do this confirmation on the case at all: 404 if the case is not theirs to see, else 403. */
  const mayConfirm = async (confirmation: Confirmation, actor: Principal, caseId: string): Promise<void> => {
    const { c } = await readable(actor, caseId);
    if (!(await confirmation.who.may(context, actor, c)))
      throw new PermissionDeniedError(confirmation.who.refusal);
  };

  const read = async (actor: Principal, caseId: string) => {
    const { c, items } = await readable(actor, caseId);
    return view(c, items, actor);
  };

  return {
    read,
    mayConfirm,

    /** Whether the case is there for this reader (404 otherwise): the first check of every case route. */
    async visible(actor: Principal, caseId: string): Promise<void> {
      await readable(actor, caseId);
    },

    /** One page of a node's items, as the case shows them, for whoever reads the case. */
    async items(actor: Principal, caseId: string, node: string, page: PageRequest) {
      const { items } = await readable(actor, caseId);
      const shown = shownItems(nodeKindOf(node), items, actor);
      const after = typeof page.startKey?.after === 'string' ? page.startKey.after : undefined;
      return pageAfter(shown, after, page.limit);
    },

    /** A signed statement of the case, to check a signature its items carry. */
    async statement(actor: Principal, caseId: string, sha256: string) {
      await readable(actor, caseId);
      const statement = await deps.cases.statement(caseId, sha256);
      if (!statement) throw new NotFoundError(`Statement ${sha256} of case ${caseId}`);
      return { sha256, statement };
    },

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
      await mayConfirm(confirmation, actor, caseId);
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
      await readable(actor, caseId);
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
