import { type HandoverItemBase, type OffboardingCase, planNodes } from '#domain/offboarding/case.ts';
import type { ResignationSubmitted } from '#domain/offboarding/events/index.ts';
import { pickTemplate } from '#domain/offboarding/template.ts';
import { nameOf } from '#domain/people/index.ts';
import { isDomainError } from '#kernel/errors.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import { handoverContext } from './context.ts';
import type { OffboardingDeps } from './deps.ts';
import { nodeKindOf } from './nodes/index.ts';
import { templatesInForce } from './templates.ts';

export interface OpenResult {
  caseId: string;
  /** The nodes the workflow runs, one iteration each. */
  nodes: string[];
  /** False when another execution drives the case, or there is nothing to hand over. */
  proceed: boolean;
}

/**
 * The first task of a handover: makes the case from the template, with deadlines from the last working
 * day and each node's items from its kind (the employee's customers for the successor, their assets,
 * an empty work report…); tells everyone involved. Repeating it (a retry, a duplicate event's second
 * execution) creates nothing twice: the case records the execution that drives it, and only that one
 * (or one started to resume it) proceeds.
 */
export const makeOpenCase =
  (deps: OffboardingDeps) =>
  async (input: {
    event: ResignationSubmitted;
    executionId: string;
    resume: boolean;
  }): Promise<OpenResult> => {
    const { employeeId, resignationId } = input.event;
    const drive = async (existing: OffboardingCase): Promise<OpenResult> => {
      const open = existing.nodes.filter((n) => n.status === 'open').map((n) => n.kind);
      const result = { caseId: existing.id, nodes: existing.nodes.map((n) => n.kind) };
      if (existing.status !== 'open') return { ...result, proceed: false };
      if (existing.executionId === input.executionId) return { ...result, proceed: true };
      if (!input.resume) return { ...result, proceed: false };
      // A restarted execution takes the case over; the old one, if it still runs, stops at its next step.
      const after = { ...existing, executionId: input.executionId, version: existing.version + 1 };
      await committing(deps.cases.prepareUpdate(existing, after), (writes) =>
        deps.evidence.append(
          [
            {
              actor: 'system',
              action: 'offboarding.resumed',
              subject: `employee:${employeeId}`,
              caseId: existing.id,
              details: { executionId: input.executionId, openNodes: open },
            },
          ],
          { alongside: writes },
        ),
      );
      return { ...result, proceed: true };
    };

    const existing = await deps.cases.get(resignationId);
    if (existing) return drive(existing);
    const resignation = await deps.resignations.get(employeeId, resignationId);
    const employee = await deps.employees.get(employeeId, { consistent: true });
    if (resignation?.status !== 'open' || !employee)
      return { caseId: resignationId, nodes: [], proceed: false };

    const templates = await templatesInForce(deps.templates);
    const template =
      templates.find((t) => t.id === resignation.templateId) ??
      (pickTemplate(templates, employee) as (typeof templates)[number]);
    const now = deps.clock.now();
    const at = now.toISOString();
    const kinds = template.nodes.map((n) => nodeKindOf(n.kind));
    const successorId = resignation.successorIds[0] ?? '';
    const context = handoverContext(deps);

    const itemsByNode = new Map<string, HandoverItemBase[]>();
    for (const kind of kinds)
      itemsByNode.set(kind.kind, await kind.open(context, { employeeId, successorId }));
    const items = [...itemsByNode.values()].flat();
    // A node with nothing to hand over (no customers, no assets) is closed from the start.
    const nodes = planNodes(template, resignation.lastWorkingDay, deps.timeZone).map((node) =>
      nodeKindOf(node.kind).complete(itemsByNode.get(node.kind) ?? [])
        ? { ...node, status: 'closed' as const, closedAt: at }
        : node,
    );
    const created: OffboardingCase = {
      id: resignationId,
      employeeId,
      employeeName: employee.name,
      ...(employee.nameLatin ? { employeeNameLatin: employee.nameLatin } : {}),
      departmentId: employee.departmentId,
      ...(employee.managerId ? { managerId: employee.managerId } : {}),
      templateId: template.id,
      lastWorkingDay: resignation.lastWorkingDay,
      successorIds: resignation.successorIds,
      status: 'open',
      nodes,
      createdAt: at,
      executionId: input.executionId,
      version: 1,
    };

    await deps.cases.putItemsIfAbsent(created.id, items);
    try {
      await committing(combineChanges(deps.cases.prepareCreate(created)), (writes) =>
        deps.evidence.append(
          [
            {
              actor: 'system',
              action: 'offboarding.opened',
              subject: `employee:${employeeId}`,
              caseId: created.id,
              details: {
                templateId: template.id,
                deadlines: Object.fromEntries(nodes.map((n) => [n.kind, n.deadline])),
                items: Object.fromEntries([...itemsByNode].map(([kind, list]) => [kind, list.length])),
              },
            },
          ],
          { alongside: writes },
        ),
      );
    } catch (error) {
      // A second execution opened it meanwhile: whoever wrote the case drives it.
      if (isDomainError(error) && error.code === 'case_exists') {
        const raced = await deps.cases.get(resignationId);
        if (raced) return drive(raced);
      }
      throw error;
    }

    const params = {
      employee: nameOf(employee),
      lastWorkingDay: resignation.lastWorkingDay,
      nodes: {
        'zh-CN': kinds.map((k) => k.names['zh-CN']).join('、'),
        en: kinds.map((k) => k.names.en).join(', '),
      },
    };
    await deps.tell(
      [
        { employeeId },
        ...(employee.managerId ? [{ employeeId: employee.managerId }] : []),
        ...resignation.successorIds.map((id) => ({ employeeId: id })),
        { shared: 'hr' as const },
        ...kinds.flatMap((k) => k.told ?? []),
      ],
      'case.opened',
      params,
      { dedupeKey: `${created.id}|opened`, data: { caseId: created.id } },
    );
    for (const kind of kinds) await kind.opened?.(context, created, itemsByNode.get(kind.kind) ?? []);
    return { caseId: created.id, nodes: kinds.map((k) => k.kind), proceed: true };
  };
