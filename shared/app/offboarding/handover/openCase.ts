import { customerIdsOf } from '#app/customers/transferCustomers.ts';
import type { CustomerRecord } from '#domain/customers/customer.ts';
import {
  type CaseItem,
  type CustomerItem,
  type CustomerSnapshot,
  deadlineDay,
  nodeComplete,
  type OffboardingCase,
  planNodes,
} from '#domain/offboarding/case.ts';
import type { ResignationSubmitted } from '#domain/offboarding/events/index.ts';
import { nodeNames } from '#domain/offboarding/messages.ts';
import { pickTemplate } from '#domain/offboarding/template.ts';
import { isDomainError } from '#kernel/errors.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import type { OffboardingDeps } from './deps.ts';
import { templatesInForce } from './templates.ts';

export interface OpenResult {
  caseId: string;
  /** The nodes the workflow runs, one iteration each. */
  nodes: string[];
  /** False when another execution drives the case, or there is nothing to hand over. */
  proceed: boolean;
}

/** What a successor sees of a customer and signs for: the fields that identify it and its value. */
export function snapshotOf(c: CustomerRecord): CustomerSnapshot {
  return {
    id: c.id,
    name: c.name,
    industry: c.industry,
    region: c.region,
    tier: c.tier,
    contacts: c.contacts.length,
    openDealsMinor: c.deals
      .filter((d) => d.status === 'open')
      .reduce((sum, d) => sum + d.value.amountMinor, 0),
    version: c.version,
  };
}

async function ownedCustomers(deps: Pick<OffboardingDeps, 'customers'>, ownerId: string) {
  const ids = await customerIdsOf(deps.customers, ownerId);
  const records = await deps.customers.getMany(ids);
  return ids.flatMap((id) => records.get(id) ?? []);
}

/**
 * The first task of a handover: makes the case from the template, with deadlines from the last working
 * day, the employee's customers as items for the successor, their assets and an empty work report;
 * tells everyone involved. Repeating it (a retry, a duplicate event's second execution) creates
 * nothing twice: the case records the execution that drives it, and only that one (or one started
 * to resume it) proceeds.
 */
export const makeOpenCase =
  (
    deps: Pick<
      OffboardingDeps,
      'cases' | 'employees' | 'customers' | 'resignations' | 'evidence' | 'tell' | 'clock' | 'timeZone'
    >,
  ) =>
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

    const templates = await templatesInForce(deps.cases);
    const template =
      templates.find((t) => t.id === resignation.templateId) ??
      (pickTemplate(templates, employee) as (typeof templates)[number]);
    const now = deps.clock.now();
    const at = now.toISOString();
    const kinds = template.nodes.map((n) => n.kind);
    const successorId = resignation.successorIds[0] ?? '';

    const items: CaseItem[] = [];
    if (kinds.includes('customers')) {
      for (const customer of await ownedCustomers(deps, employeeId)) {
        items.push({
          node: 'customers',
          id: customer.id,
          snapshot: snapshotOf(customer),
          successorId,
          status: 'pending',
          version: 1,
        } satisfies CustomerItem);
      }
    }
    if (kinds.includes('work-report'))
      items.push({
        node: 'work-report',
        id: 'report',
        sections: {},
        status: 'draft',
        comments: [],
        version: 1,
      });
    if (kinds.includes('assets')) {
      for (const asset of await deps.cases.assetsOf(employeeId))
        items.push({ node: 'assets', id: asset.id, snapshot: asset, status: 'pending', version: 1 });
    }
    // A node with nothing to hand over (no customers, no assets) is closed from the start.
    const nodes = planNodes(template, resignation.lastWorkingDay, deps.timeZone).map((node) =>
      node.kind !== 'work-report' && nodeComplete(node.kind, items)
        ? { ...node, status: 'closed' as const, closedAt: at }
        : node,
    );
    const created: OffboardingCase = {
      id: resignationId,
      employeeId,
      employeeName: employee.name,
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
                customers: items.filter((i) => i.node === 'customers').length,
                assets: items.filter((i) => i.node === 'assets').length,
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

    const nodeList = nodes.map((n) => nodeNames[n.kind]?.['zh-CN']).join('、');
    const params = { employee: employee.name, lastWorkingDay: resignation.lastWorkingDay, nodes: nodeList };
    const dedupeKey = `${created.id}|opened`;
    await deps.tell(
      [
        { employeeId },
        ...(employee.managerId ? [{ employeeId: employee.managerId }] : []),
        ...resignation.successorIds.map((id) => ({ employeeId: id })),
        { shared: 'hr' as const },
        ...(kinds.includes('assets') ? [{ shared: 'admin_office' as const }] : []),
      ],
      'case.opened',
      params,
      { dedupeKey, data: { caseId: created.id } },
    );
    const customers = items.filter((i) => i.node === 'customers');
    const customersNode = nodes.find((n) => n.kind === 'customers');
    if (successorId && customers.length > 0 && customersNode) {
      await deps.tell(
        [{ employeeId: successorId }],
        'items.assigned',
        {
          employee: employee.name,
          count: String(customers.length),
          deadline: deadlineDay(customersNode, deps.timeZone),
        },
        { dedupeKey: `${created.id}|assigned|${successorId}`, data: { caseId: created.id } },
      );
    }
    return { caseId: created.id, nodes: kinds, proceed: true };
  };
