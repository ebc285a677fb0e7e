import type { Recipient } from '#app/communication/index.ts';
import { metricNames } from '#domain/metrics.ts';
import {
  type CaseNode,
  deadlineDay,
  type HandoverItemBase,
  leaverName,
  nextEvent,
  type OffboardingCase,
} from '#domain/offboarding/case.ts';
import { isDomainError } from '#kernel/errors.ts';
import { committing } from '#kernel/writes.ts';
import { TaskNoLongerWaitingError } from '#ports/platform/workflow.ts';
import type { OffboardingDeps } from './deps.ts';
import { nodeKindOf } from './nodes/index.ts';

/** A node that waits for nothing new re-checks weekly: cheap, and it notices a case fixed by hand. */
const idleSeconds = 7 * 24 * 3600;

/** Who still owes something on a node, and how many items each. */
export function owers(
  c: OffboardingCase,
  node: CaseNode,
  items: readonly HandoverItemBase[],
): Map<string, { to: Recipient; count: number }> {
  const kind = nodeKindOf(node.kind);
  const owing = new Map<string, { to: Recipient; count: number }>();
  const mine = items.filter((i) => i.node === node.kind).map((i) => kind.item.parse(i));
  for (const to of kind.owedBy(c, node, mine)) {
    const key = 'employeeId' in to ? to.employeeId : `#${to.shared}`;
    owing.set(key, { to, count: (owing.get(key)?.count ?? 0) + 1 });
  }
  return owing;
}

/** Saves the next version of a case, reading it again when someone else changed it meanwhile. */
export async function updateCase(
  deps: Pick<OffboardingDeps, 'cases' | 'evidence' | 'writes'>,
  caseId: string,
  change: (
    c: OffboardingCase,
  ) =>
    | { after: OffboardingCase; evidence?: Parameters<OffboardingDeps['evidence']['append']>[0] }
    | undefined,
): Promise<OffboardingCase | undefined> {
  for (let attempt = 1; ; attempt++) {
    const before = await deps.cases.get(caseId);
    if (!before) return undefined;
    const next = change(before);
    if (!next) return before;
    const after = { ...next.after, version: before.version + 1 };
    try {
      await committing(deps.cases.prepareUpdate(before, after), async (writes) => {
        if (next.evidence?.length) await deps.evidence.append(next.evidence, { alongside: writes });
        else await deps.writes.commit(writes);
      });
      return after;
    } catch (error) {
      if (!(isDomainError(error) && error.code === 'stale_version') || attempt >= 5) throw error;
    }
  }
}

/**
 * Closes a node whose items are all done, and answers the workflow task that waits for it. Safe to
 * call from anywhere, any number of times: an API confirmation, a workflow step, a retry.
 */
export async function closeNodeIfComplete(
  deps: Pick<OffboardingDeps, 'cases' | 'evidence' | 'writes' | 'workflow' | 'clock'>,
  caseId: string,
  kind: string,
): Promise<boolean> {
  const nodeKind = nodeKindOf(kind);
  const items = (await deps.cases.items(caseId, kind)).map((i) => nodeKind.item.parse(i));
  if (!nodeKind.complete(items)) return false;
  let token: string | undefined;
  const after = await updateCase(deps, caseId, (c) => {
    const node = c.nodes.find((n) => n.kind === kind);
    if (node?.status !== 'open' || c.status !== 'open') return undefined;
    token = node.taskToken;
    const at = deps.clock.now().toISOString();
    const { taskToken: _t, ...closed } = node;
    return {
      after: {
        ...c,
        nodes: c.nodes.map((n) => (n.kind === kind ? { ...closed, status: 'closed', closedAt: at } : n)),
      },
      evidence: [
        {
          actor: 'system',
          action: 'offboarding.node-closed',
          subject: `employee:${c.employeeId}`,
          caseId,
          details: { node: kind, items: items.length, late: node.overdueSince !== undefined },
        },
      ],
    };
  });
  if (token) await answer(deps, token);
  return after?.nodes.find((n) => n.kind === kind)?.status === 'closed';
}

/** Wakes the workflow task waiting on a token; a task that has moved on (timed out) needs nothing. */
export async function answer(deps: Pick<OffboardingDeps, 'workflow'>, token: string): Promise<void> {
  try {
    await deps.workflow.sendTaskSuccess(token, {});
  } catch (error) {
    if (!(error instanceof TaskNoLongerWaitingError)) throw error;
  }
}

/** The workflow's steps for one node, and the failure handler. */
export function makeCaseTasks(
  deps: Pick<
    OffboardingDeps,
    'cases' | 'evidence' | 'writes' | 'workflow' | 'tell' | 'clock' | 'timeZone' | 'metrics'
  >,
) {
  /**
   * One step of a node: closes it when its items are done, sends a reminder that has come due, marks
   * it overdue (and alerts the manager and HR) when its deadline has passed, and says how long to
   * wait for a confirmation before the next step. Reminders and alerts are sent once, however often
   * the step runs.
   */
  const advance = async (caseId: string, kind: string): Promise<{ done: boolean; waitSeconds: number }> => {
    const c = await deps.cases.get(caseId);
    const node = c?.nodes.find((n) => n.kind === kind);
    if (!c || !node || c.status !== 'open' || node.status !== 'open') return { done: true, waitSeconds: 0 };
    if (await closeNodeIfComplete(deps, caseId, kind)) return { done: true, waitSeconds: 0 };

    const now = deps.clock.now();
    const items = await deps.cases.items(caseId, kind);
    const owing = owers(c, node, items);
    const names = nodeKindOf(kind).names;
    const base = {
      employee: leaverName(c),
      node: names,
      deadline: deadlineDay(node, deps.timeZone),
    };

    const dueReminders = node.remindAt.filter(
      (r) => r <= now.toISOString() && !node.remindersSent.includes(r),
    );
    const latest = dueReminders.at(-1);
    if (latest && now.toISOString() < node.deadline) {
      const days = String(Math.max(1, Math.round((Date.parse(node.deadline) - now.getTime()) / 86_400_000)));
      for (const { to, count } of owing.values()) {
        await deps.tell(
          [to],
          'node.reminder',
          { ...base, days, owed: String(count) },
          {
            dedupeKey: `${caseId}|${kind}|remind|${latest}`,
            data: { caseId, node: kind },
          },
        );
      }
    }
    const overdue = !node.overdueSince && node.deadline <= now.toISOString();
    if (overdue) {
      const owed = [...owing.values()].reduce((sum, o) => sum + o.count, 0);
      await deps.tell(
        [...(c.managerId ? [{ employeeId: c.managerId }] : []), { shared: 'hr' }],
        'node.overdue',
        { ...base, owed: String(owed) },
        { dedupeKey: `${caseId}|${kind}|overdue|${node.deadline}`, data: { caseId, node: kind } },
      );
    }
    // Set by the write that marked the node overdue (the updater runs again after a conflict), so a
    // retry does not count it twice.
    let becameOverdue = false;
    const updated =
      dueReminders.length > 0 || overdue
        ? await updateCase(deps, caseId, (current) => {
            const n = current.nodes.find((x) => x.kind === kind);
            becameOverdue = false;
            if (n?.status !== 'open') return undefined;
            becameOverdue = overdue && !n.overdueSince;
            const next: CaseNode = {
              ...n,
              remindersSent: [...new Set([...n.remindersSent, ...dueReminders])],
              ...(overdue && !n.overdueSince ? { overdueSince: now.toISOString() } : {}),
            };
            return {
              after: { ...current, nodes: current.nodes.map((x) => (x.kind === kind ? next : x)) },
              ...(overdue && !n.overdueSince
                ? {
                    evidence: [
                      {
                        actor: 'system',
                        action: 'offboarding.node-overdue',
                        subject: `employee:${current.employeeId}`,
                        caseId,
                        details: { node: kind, deadline: n.deadline, owedBy: [...owing.keys()] },
                      },
                    ],
                  }
                : {}),
            };
          })
        : c;
    if (becameOverdue)
      await deps.metrics.publish([{ name: metricNames.nodesBecameOverdue, value: 1, unit: 'Count' }]);
    const latestNode = updated?.nodes.find((n) => n.kind === kind) ?? node;
    if (latestNode.status !== 'open') return { done: true, waitSeconds: 0 };
    const next = nextEvent(latestNode, now);
    const waitSeconds = next
      ? Math.max(1, Math.ceil((Date.parse(next.at) - now.getTime()) / 1000))
      : idleSeconds;
    return { done: false, waitSeconds };
  };

  /**
   * Runs when the workflow starts waiting for a node: keeps the task token on the node, so that the
   * confirmation that closes it can wake the workflow. A node already closed wakes it at once.
   */
  const awaitConfirmation = async (caseId: string, kind: string, token: string): Promise<void> => {
    const stored = await updateCase(deps, caseId, (c) => {
      const node = c.nodes.find((n) => n.kind === kind);
      if (node?.status !== 'open' || c.status !== 'open') return undefined;
      return {
        after: { ...c, nodes: c.nodes.map((n) => (n.kind === kind ? { ...n, taskToken: token } : n)) },
      };
    });
    const node = stored?.nodes.find((n) => n.kind === kind);
    if (node?.status !== 'open' || stored?.status !== 'open') await answer(deps, token);
  };

  /** A task failed for good: the case needs a person; HR hears of it. */
  const flagForAttention = async (
    caseId: string,
    error: { Error?: string; Cause?: string },
  ): Promise<void> => {
    const reason = `${error.Error ?? 'Error'}: ${(error.Cause ?? '').slice(0, 500)}`;
    const at = deps.clock.now().toISOString();
    const c = await updateCase(deps, caseId, (current) =>
      current.status === 'open'
        ? {
            after: { ...current, status: 'needs_attention', attention: { at, reason } },
            evidence: [
              {
                actor: 'system',
                action: 'offboarding.needs-attention',
                subject: `employee:${current.employeeId}`,
                caseId,
                reason,
              },
            ],
          }
        : undefined,
    );
    await deps.tell(
      [{ shared: 'hr' }],
      'case.needs-attention',
      { employee: c ? leaverName(c) : caseId, reason },
      {
        dedupeKey: `${caseId}|attention|${c?.attention?.at ?? at}`,
        data: { caseId },
      },
    );
  };

  return { advance, awaitConfirmation, flagForAttention };
}
