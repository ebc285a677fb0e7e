import { CalendarDate, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import type { Bilingual } from '#kernel/locale.ts';
import { SignatureRef } from '#kernel/signature.ts';
import { MapKey, Sha256Hex, upTo } from '#kernel/text.ts';
import { addDays, localDate, startOfDay } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';
import type { OffboardingTemplate } from './template.ts';
import { Confirmer, NodeKindName, ResignationId, TemplateId, WorkSection } from './vocabulary.ts';

/**
 * The offboarding case: one per resignation (same id), made from a template. The case item, not the
 * workflow execution, is the truth: every workflow task reads it, so an execution can be started
 * again for a case and continue where the last one stopped. What a node hands over, who confirms it
 * and when it is complete belongs to its node kind (shared/app/offboarding/handover/nodes/); the case
 * knows only nodes with deadlines and items.
 *
 * Items (table Hr):
 *   pk = CASE#<id>          sk = CASE                          the case and its nodes
 *   pk = CASE#<id>          sk = ITEM#<node>#<itemId>          a handover item of a node
 *   pk = CASE#<id>          sk = STATEMENT#<sha256>            a signed statement, once however many
 *                                                              items its signature covers
 *   pk = CASES#<list>       sk = <createdAt>#<id>              lists: open, overdue, completed,
 *                                                              cancelled, needs_attention
 *   pk = EMP#<employeeId>   sk = ASSET#<assetId>               the assets an employee holds
 * Access patterns: a case with its items (one Query); cases by list (Query); an employee's assets.
 */
export const CaseStatus = z.enum(['open', 'completed', 'cancelled', 'needs_attention']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const NodeStatus = z.enum(['open', 'closed', 'cancelled']);
export type NodeStatus = z.infer<typeof NodeStatus>;

export const CaseNode = z.object({
  kind: NodeKindName,
  confirmedBy: Confirmer,
  /** The end of the deadline day, in the company's time zone. */
  deadline: Timestamp,
  remindAt: z.array(Timestamp).check(z.maxLength(10)),
  status: NodeStatus,
  /** Reminder times already acted on. */
  remindersSent: z.array(Timestamp).check(z.maxLength(10)),
  overdueSince: z.optional(Timestamp),
  closedAt: z.optional(Timestamp),
  /** The token of the workflow task that waits for this node; answered when the node closes. */
  taskToken: z.optional(upTo(4096)),
  /** For a node filled in section by section (the work report): its sections. */
  sections: z.optional(z.array(WorkSection).check(z.maxLength(20))),
});
export type CaseNode = z.infer<typeof CaseNode>;

export const OffboardingCase = z.object({
  id: ResignationId,
  employeeId: EmployeeId,
  employeeName: upTo(100),
  /** The leaver's name in Latin script, for readers of English (as it was when the case opened). */
  employeeNameLatin: z.optional(upTo(100)),
  departmentId: DepartmentId,
  managerId: z.optional(EmployeeId),
  templateId: TemplateId,
  lastWorkingDay: CalendarDate,
  successorIds: z.array(EmployeeId).check(z.maxLength(10)),
  status: CaseStatus,
  nodes: z.array(CaseNode).check(z.maxLength(10)),
  createdAt: Timestamp,
  completedAt: z.optional(Timestamp),
  /** The execution that drives the case now (a restarted one takes over). */
  executionId: z.optional(upTo(2048)),
  attention: z.optional(z.object({ at: Timestamp, reason: upTo(500) })),
  report: z.optional(z.object({ key: upTo(200), sha256: Sha256Hex, at: Timestamp })),
  /** What the nodes decided took effect at completion (customers moved...), counted per node. */
  applied: z.optional(
    z.object({ at: Timestamp, outcomes: z.record(MapKey, z.int().check(z.gte(0), z.lte(1_000_000))) }),
  ),
  version: z.int().check(z.positive()),
});
export type OffboardingCase = z.infer<typeof OffboardingCase>;

/** What every handover item has; its node kind says what else (and parses it). */
export const HandoverItemBase = z.looseObject({
  node: NodeKindName,
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  status: upTo(40),
  /** Who signed for the item; the statement it signed is stored once per case (`statementOf`). */
  signature: z.optional(SignatureRef),
  version: z.int().check(z.positive()),
});
export type HandoverItemBase = z.infer<typeof HandoverItemBase>;

export const caseKeys = {
  item: (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' }),
  partition: (id: string) => `CASE#${id}`,
  handoverItem: (caseId: string, node: string, itemId: string) => ({
    pk: `CASE#${caseId}`,
    sk: `ITEM#${node}#${itemId}`,
  }),
  itemPrefix: (node?: string) => (node ? `ITEM#${node}#` : 'ITEM#'),
  statement: (caseId: string, sha256: string) => ({ pk: `CASE#${caseId}`, sk: `STATEMENT#${sha256}` }),
  statementPrefix: 'STATEMENT#',
  list: (list: CaseList, c: Pick<OffboardingCase, 'createdAt' | 'id'>) => ({
    pk: `CASES#${list}`,
    sk: `${c.createdAt}#${c.id}`,
  }),
  listPartition: (list: CaseList) => `CASES#${list}`,
  asset: (employeeId: string, assetId: string) => ({ pk: `EMP#${employeeId}`, sk: `ASSET#${assetId}` }),
  assetPrefix: 'ASSET#',
};

export const caseLists = ['open', 'overdue', 'completed', 'cancelled', 'needs_attention'] as const;
export const CaseList = z.enum(caseLists);
export type CaseList = z.infer<typeof CaseList>;

/** The leaver's name for each reader of a message about the case. */
export const leaverName = (c: Pick<OffboardingCase, 'employeeName' | 'employeeNameLatin'>): Bilingual => ({
  'zh-CN': c.employeeName,
  en: c.employeeNameLatin ?? c.employeeName,
});

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

/** An asset an employee holds (the admin office's register): what its handover item takes back. */
export const AssetSnapshot = z.object({
  id: z.string().check(z.regex(/^A[0-9a-z-]{1,40}$/, 'An asset id like A1b2c3d4')),
  kind: z.string().check(z.minLength(1), z.maxLength(50)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  serial: z.optional(z.string().check(z.maxLength(100))),
});
export type AssetSnapshot = z.infer<typeof AssetSnapshot>;
