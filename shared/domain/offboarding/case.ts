import type { Signature } from '#kernel/signature.ts';
import { addDays, localDate, startOfDay } from '#kernel/time.ts';
import type { Confirmer, NodeKind, OffboardingTemplate, WorkSection } from './template.ts';

/**
 * The offboarding case: one per resignation (same id), made from a template. The case item, not the
 * workflow execution, is the truth: every workflow task reads it, so an execution can be started
 * again for a case and continue where the last one stopped.
 *
 * Items (table Hr):
 *   pk = CASE#<id>          sk = CASE                          the case and its nodes
 *   pk = CASE#<id>          sk = ITEM#<node>#<itemId>          a handover item of a node
 *   pk = CASES#<list>       sk = <createdAt>#<id>              lists: open, overdue, completed,
 *                                                              cancelled, needs_attention
 *   pk = EMP#<employeeId>   sk = ASSET#<assetId>               the assets an employee holds
 * Access patterns: a case with its items (one Query); cases by list (Query); an employee's assets.
 */
export type CaseStatus = 'open' | 'completed' | 'cancelled' | 'needs_attention';
export type NodeStatus = 'open' | 'closed' | 'cancelled';

export interface CaseNode {
  kind: NodeKind;
  confirmedBy: Confirmer;
  /** The end of the deadline day, in the company's time zone. */
  deadline: string;
  remindAt: string[];
  status: NodeStatus;
  /** Reminder times already acted on. */
  remindersSent: string[];
  overdueSince?: string;
  closedAt?: string;
  /** The token of the workflow task that waits for this node; answered when the node closes. */
  taskToken?: string;
  sections?: WorkSection[];
}

export interface OffboardingCase {
  id: string;
  employeeId: string;
  employeeName: string;
  departmentId: string;
  managerId?: string;
  templateId: string;
  lastWorkingDay: string;
  successorIds: string[];
  status: CaseStatus;
  nodes: CaseNode[];
  createdAt: string;
  completedAt?: string;
  /** The execution that drives the case now (a restarted one takes over). */
  executionId?: string;
  attention?: { at: string; reason: string };
  report?: { key: string; sha256: string; at: string };
  /** Customers moved to their successors at completion. */
  transferred?: { at: string; customers: number };
  version: number;
}

export type ItemStatus = 'pending' | 'accepted' | 'rejected' | 'returned' | 'lost' | 'damaged';

/** What a successor sees of a customer, and signs for. */
export interface CustomerSnapshot {
  id: string;
  name: string;
  industry: string;
  region: string;
  tier: string;
  contacts: number;
  openDealsMinor: number;
  version: number;
}

export interface CustomerItem {
  node: 'customers';
  id: string;
  snapshot: CustomerSnapshot;
  successorId: string;
  status: 'pending' | 'accepted' | 'rejected';
  signature?: Signature;
  rejection?: { by: string; at: string; reason: string };
  /** Reassignments, oldest first. */
  reassigned?: { by: string; at: string; from: string; to: string; reason: string }[];
  version: number;
}

export interface AssetSnapshot {
  id: string;
  kind: string;
  name: string;
  serial?: string;
}

export interface AssetItem {
  node: 'assets';
  id: string;
  snapshot: AssetSnapshot;
  status: 'pending' | 'returned' | 'lost' | 'damaged';
  condition?: string;
  note?: string;
  costMinor?: number;
  signature?: Signature;
  version: number;
}

export type WorkEntries = Partial<Record<WorkSection, { title: string; details: string }[]>>;

export interface WorkReportItem {
  node: 'work-report';
  id: 'report';
  sections: WorkEntries;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  submittedAt?: string;
  comments: { by: string; at: string; text: string }[];
  signature?: Signature;
  version: number;
}

export type CaseItem = CustomerItem | AssetItem | WorkReportItem;

export const caseKeys = {
  item: (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' }),
  partition: (id: string) => `CASE#${id}`,
  handoverItem: (caseId: string, node: NodeKind, itemId: string) => ({
    pk: `CASE#${caseId}`,
    sk: `ITEM#${node}#${itemId}`,
  }),
  itemPrefix: (node?: NodeKind) => (node ? `ITEM#${node}#` : 'ITEM#'),
  list: (list: CaseList, c: Pick<OffboardingCase, 'createdAt' | 'id'>) => ({
    pk: `CASES#${list}`,
    sk: `${c.createdAt}#${c.id}`,
  }),
  listPartition: (list: CaseList) => `CASES#${list}`,
  asset: (employeeId: string, assetId: string) => ({ pk: `EMP#${employeeId}`, sk: `ASSET#${assetId}` }),
  assetPrefix: 'ASSET#',
};

export const caseLists = ['open', 'overdue', 'completed', 'cancelled', 'needs_attention'] as const;
export type CaseList = (typeof caseLists)[number];

/** The lists a case belongs to: open ones also under overdue when a node is late. */
export function listsOf(c: Pick<OffboardingCase, 'status' | 'nodes'>): CaseList[] {
  if (c.status !== 'open') return [c.status];
  return c.nodes.some((n) => n.status === 'open' && n.overdueSince) ? ['open', 'overdue'] : ['open'];
}

/** Deadlines from the template and the last working day, in the company's time zone. */
export function planNodes(
  template: Pick<OffboardingTemplate, 'nodes'>,
  lastWorkingDay: string,
  timeZone: string,
): CaseNode[] {
  return template.nodes.map((node) => {
    const deadline = startOfDay(addDays(lastWorkingDay, node.deadlineOffsetDays + 1), timeZone);
    return {
      kind: node.kind,
      confirmedBy: node.confirmedBy,
      deadline: deadline.toISOString(),
      remindAt: [...node.remindDaysBefore]
        .sort((a, b) => b - a)
        .map((days) => new Date(deadline.getTime() - days * 86_400_000).toISOString()),
      status: 'open',
      remindersSent: [],
      ...(node.sections ? { sections: node.sections } : {}),
    };
  });
}

/** New deadlines for a moved last working day; closed nodes stay closed, sent reminders stay sent. */
export function replanNodes(
  nodes: readonly CaseNode[],
  template: Pick<OffboardingTemplate, 'nodes'>,
  lastWorkingDay: string,
  timeZone: string,
): CaseNode[] {
  const planned = planNodes(template, lastWorkingDay, timeZone);
  return nodes.map((node) => {
    const next = planned.find((p) => p.kind === node.kind);
    if (!next || node.status !== 'open') return node;
    const { overdueSince: _o, ...rest } = node;
    return {
      ...rest,
      deadline: next.deadline,
      remindAt: next.remindAt,
      remindersSent: node.remindersSent.filter((r) => next.remindAt.includes(r)),
      // Overdue only while the new deadline has passed too; the workflow marks it again if so.
    };
  });
}

/** Whether every item of a node is done: accepted customers, an approved report, assets accounted for. */
export function nodeComplete(kind: NodeKind, items: readonly CaseItem[]): boolean {
  const mine = items.filter((i) => i.node === kind);
  if (kind === 'work-report') return mine.some((i) => i.status === 'approved');
  if (kind === 'customers') return mine.every((i) => i.status === 'accepted');
  return mine.every((i) => i.status !== 'pending');
}

/** The next moment the workflow must act for a node: a reminder, the deadline, or nothing (waiting). */
export function nextEvent(
  node: CaseNode,
  now: Date,
): { at: string; kind: 'remind' | 'deadline' } | undefined {
  const reminder = node.remindAt.find((r) => !node.remindersSent.includes(r) && r > now.toISOString());
  if (reminder && reminder < node.deadline) return { at: reminder, kind: 'remind' };
  if (!node.overdueSince && node.deadline > now.toISOString()) return { at: node.deadline, kind: 'deadline' };
  return undefined;
}

/** The calendar day a node is due (its deadline is the end of that day, in the company's zone). */
export const deadlineDay = (node: Pick<CaseNode, 'deadline'>, timeZone: string) =>
  localDate(new Date(new Date(node.deadline).getTime() - 1), timeZone);
