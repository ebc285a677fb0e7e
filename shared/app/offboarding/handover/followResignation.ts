import { leaverName, type OffboardingCase, replanNodes } from '#domain/offboarding/case.ts';
import { defaultTemplates } from '#domain/offboarding/template.ts';
import { answer, updateCase } from './caseTasks.ts';
import { handoverContext } from './context.ts';
import type { OffboardingDeps } from './deps.ts';
import { nodeKindOf } from './nodes/index.ts';
import { templatesInForce } from './templates.ts';

/** The tokens of the tasks waiting on a case's open nodes (answered so the workflow looks again). */
const waitingTokens = (c: OffboardingCase) => c.nodes.flatMap((n) => (n.taskToken ? [n.taskToken] : []));

/**
 * The case follows its resignation: a moved last working day moves every open node's deadline and
 * reminders (the waiting workflow tasks are woken to wait anew), newly named successors receive the
 * customers nobody was assigned, and a withdrawal cancels the open nodes and ends the workflow.
 */
export function makeFollowResignation(deps: OffboardingDeps) {
  const changed = async (employeeId: string, resignationId: string): Promise<void> => {
    const resignation = await deps.resignations.get(employeeId, resignationId);
    const current = await deps.cases.get(resignationId);
    if (!resignation || !current || current.status !== 'open') return;
    const templates = await templatesInForce(deps.templates);
    const template =
      templates.find((t) => t.id === current.templateId) ?? defaultTemplates.find((t) => t.id === 'general');
    if (!template) return;

    // The nodes' items follow first (customers nobody was assigned go to the first successor named).
    const context = handoverContext(deps);
    for (const node of current.nodes) await nodeKindOf(node.kind).follow?.(context, current, resignation);
    const after = await updateCase(deps, current.id, (c) => {
      if (c.status !== 'open') return undefined;
      const moved = c.lastWorkingDay !== resignation.lastWorkingDay;
      const named = c.successorIds.join() !== resignation.successorIds.join();
      if (!moved && !named) return undefined;
      const nodes = moved
        ? replanNodes(c.nodes, template, resignation.lastWorkingDay, deps.timeZone)
        : c.nodes;
      return {
        after: {
          ...c,
          lastWorkingDay: resignation.lastWorkingDay,
          successorIds: resignation.successorIds,
          nodes,
        },
        evidence: [
          {
            actor: 'system',
            action: 'offboarding.replanned',
            subject: `employee:${employeeId}`,
            caseId: c.id,
            details: {
              lastWorkingDay: { from: c.lastWorkingDay, to: resignation.lastWorkingDay },
              deadlines: Object.fromEntries(nodes.map((n) => [n.kind, n.deadline])),
              successorIds: resignation.successorIds,
            },
          },
        ],
      };
    });
    for (const token of after ? waitingTokens(after) : []) await answer(deps, token);
  };

  const withdrawn = async (employeeId: string, resignationId: string): Promise<void> => {
    let tokens: string[] = [];
    const after = await updateCase(deps, resignationId, (c) => {
      if (c.status !== 'open' && c.status !== 'needs_attention') return undefined;
      tokens = waitingTokens(c);
      const cancelled = c.nodes.filter((n) => n.status === 'open').map((n) => n.kind);
      return {
        after: {
          ...c,
          status: 'cancelled',
          nodes: c.nodes.map(({ taskToken: _t, ...n }) =>
            n.status === 'open' ? { ...n, status: 'cancelled' } : n,
          ),
        },
        evidence: [
          {
            actor: 'system',
            action: 'offboarding.cancelled',
            subject: `employee:${employeeId}`,
            caseId: c.id,
            reason: 'The resignation was withdrawn',
            details: { cancelledNodes: cancelled },
          },
        ],
      };
    });
    if (after?.status !== 'cancelled') return;
    for (const token of tokens) await answer(deps, token);
    await deps.tell(
      [
        { employeeId },
        ...(after.managerId ? [{ employeeId: after.managerId }] : []),
        ...after.successorIds.map((id) => ({ employeeId: id })),
        { shared: 'hr' as const },
      ],
      'case.withdrawn',
      { employee: leaverName(after) },
      { dedupeKey: `${after.id}|withdrawn`, data: { caseId: after.id } },
    );
  };

  return { changed, withdrawn };
}
