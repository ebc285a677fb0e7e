import type { Recipient } from '#app/communication/index.ts';
import { lineAboveNewManager } from '#app/people/index.ts';
import { deadlineDay, HandoverItemBase, leaverName } from '#domain/offboarding/case.ts';
import { InvalidInputError, PermissionDeniedError } from '#kernel/errors.ts';
import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import { committing } from '#kernel/writes.ts';
import * as z from '#kernel/zod.ts';
import { defineConfirmation, defineNodeKind } from './nodeKind.ts';

/** One direct report of the leaver: who takes them over, and whether that manager has confirmed. */
export const TeamItem = z.object({
  ...HandoverItemBase.shape,
  node: z.literal('team'),
  id: EmployeeId,
  name: z.string().check(z.maxLength(100)),
  position: z.string().check(z.maxLength(100)),
  newManagerId: z.optional(EmployeeId),
  status: z.enum(['pending', 'confirmed']),
  confirmedAt: z.optional(Timestamp),
});
export type TeamItem = z.infer<typeof TeamItem>;

const Reports = z.array(EmployeeId).check(z.minLength(1), z.maxLength(100));

const assign = defineConfirmation({
  http: {
    method: 'POST',
    path: 'team/assign',
    operationId: 'assignTeam',
    problems: ['invalid_successor'],
    summary: "The leaver's manager (or HR) names a new manager for each direct report",
    response: 'The case with the team as assigned',
  },
  input: () => ({
    body: z.strictObject({
      items: z
        .array(z.strictObject({ employeeId: EmployeeId, newManagerId: EmployeeId }))
        .check(z.minLength(1), z.maxLength(100)),
    }),
  }),
  who: {
    may: async (context, actor, c) => context.isHr(actor) || (await context.isManagerOf(actor, c)),
    refusal: "The leaver's manager or HR assigns her team.",
  },
  async run(context, actor, c, { body }) {
    const node = context.requireOpen(c, 'team');
    const items = new Map((await context.itemsOf(teamNode, c.id)).map((i) => [i.id, i]));
    const managers = await context.employees.getMany(body.items.map((i) => i.newManagerId));
    const problems = body.items.flatMap(({ employeeId, newManagerId }, index) => {
      const at = (field: string) => `items.${index}.${field}`;
      const item = items.get(employeeId);
      if (!item)
        return [{ field: at('employeeId'), message: `${employeeId} does not report to ${c.employeeId}` }];
      if (item.status === 'confirmed')
        return [{ field: at('employeeId'), message: `${employeeId}'s new manager has confirmed already` }];
      if (managers.get(newManagerId)?.status !== 'active')
        return [{ field: at('newManagerId'), message: `${newManagerId} is not a current employee` }];
      if (newManagerId === c.employeeId || newManagerId === employeeId)
        return [{ field: at('newManagerId'), message: 'Neither the leaver nor the employee themselves' }];
      return [];
    });
    if (problems.length > 0) throw new InvalidInputError('Some of the team cannot go there.', problems);
    // Nobody may end up managing someone above themselves.
    for (const { employeeId, newManagerId } of body.items)
      await lineAboveNewManager(context.employees, employeeId, newManagerId);
    const changes = body.items.flatMap(({ employeeId, newManagerId }) => {
      const before = items.get(employeeId) as TeamItem;
      return before.newManagerId === newManagerId
        ? []
        : [{ before, after: { ...before, newManagerId, version: before.version + 1 } }];
    });
    await context.commitItems(c, changes, (assigned) => ({
      actor: actor.employeeId,
      action: 'handover.team-assigned',
      subject: `employee:${c.employeeId}`,
      caseId: c.id,
      details: { assigned: assigned.map((i) => ({ employeeId: i.id, newManagerId: i.newManagerId })) },
    }));
    const byManager = new Map<string, number>();
    for (const { after } of changes)
      byManager.set(after.newManagerId as string, (byManager.get(after.newManagerId as string) ?? 0) + 1);
    for (const [managerId, count] of byManager)
      await context.tell(
        [{ employeeId: managerId }],
        'team.assigned',
        { employee: leaverName(c), count: String(count), deadline: deadlineDay(node, context.timeZone) },
        { dedupeKey: `${c.id}|team|${managerId}|${count}`, data: { caseId: c.id } },
      );
  },
});

const confirm = defineConfirmation({
  http: {
    method: 'POST',
    path: 'team/confirm',
    operationId: 'confirmTeam',
    problems: ['not_acceptable'],
    summary: 'The new manager confirms taking over these direct reports (signed)',
    response: 'The case after the confirmation',
  },
  input: () => ({ body: z.strictObject({ employeeIds: Reports }) }),
  retryOnRace: true,
  mayComplete: true,
  who: {
    may: async (context, actor, c): Promise<boolean> =>
      (await context.itemsOf(teamNode, c.id)).some((i) => i.newManagerId === actor.employeeId),
    refusal: 'Only the new manager named for them confirms a direct report.',
  },
  async run(context, actor, c, { body }) {
    const items = new Map((await context.itemsOf(teamNode, c.id)).map((i) => [i.id, i]));
    const problems = body.employeeIds.flatMap((employeeId, index) => {
      const item = items.get(employeeId);
      if (!item) return [{ field: `employeeIds.${index}`, message: `${employeeId} is not in this team` }];
      if (item.newManagerId !== actor.employeeId)
        return [{ field: `employeeIds.${index}`, message: `${employeeId} is not assigned to you` }];
      return [];
    });
    if (!body.employeeIds.some((id) => items.get(id)?.newManagerId === actor.employeeId))
      throw new PermissionDeniedError('Only the new manager named for them confirms a direct report.');
    if (problems.length > 0) throw new InvalidInputError('Some of these cannot be confirmed.', problems);
    const pending = body.employeeIds
      .map((id) => items.get(id) as TeamItem)
      .filter((i) => i.status === 'pending');
    // Confirming again what is confirmed changes nothing, even once the node has closed.
    if (pending.length === 0) return;
    context.requireOpen(c, 'team');
    const at = context.clock.now().toISOString();
    const changes = [];
    for (const item of pending) {
      const signature = await context.sign(actor.employeeId, 'team.confirmed', {
        caseId: c.id,
        node: 'team',
        leaver: c.employeeId,
        employeeId: item.id,
        newManagerId: actor.employeeId,
      });
      changes.push({
        before: item,
        after: {
          ...item,
          status: 'confirmed' as const,
          confirmedAt: at,
          signature,
          version: item.version + 1,
        },
      });
    }
    await context.commitItems(c, changes, (confirmed) => ({
      actor: actor.employeeId,
      action: 'handover.team-confirmed',
      subject: `employee:${c.employeeId}`,
      caseId: c.id,
      details: { employeeIds: confirmed.map((i) => i.id) },
    }));
  },
});

/**
 * The team: each of the leaver's direct reports gets a new manager, named by her manager (or HR) and
 * confirmed by that new manager; at completion they report to them, so nobody is left reporting to
 * someone who has gone. A leaver without reports has a team node that opens closed.
 */
export const teamNode = defineNodeKind({
  kind: 'team',
  names: { 'zh-CN': '团队交接', en: 'the team handover' },
  confirmers: ['manager', 'hr'],
  item: TeamItem,
  templateIssues: (node) =>
    node.sections ? [{ field: 'sections', message: 'Only the work report lists sections' }] : [],
  async open(context, { employeeId }) {
    const items: TeamItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await context.employees.listDirectReports(employeeId, {
        limit: 100,
        ...(startKey ? { startKey } : {}),
      });
      for (const report of page.items)
        items.push({
          node: 'team',
          id: report.id,
          name: report.name,
          position: report.position,
          status: 'pending',
          version: 1,
        });
      startKey = page.nextKey;
    } while (startKey);
    return items;
  },
  complete: (items) => items.every((i) => i.status === 'confirmed'),
  involves: (items, employeeId) => items.some((i) => i.newManagerId === employeeId),
  owedBy: (c, node, items) =>
    items.flatMap((item): Recipient[] => {
      if (item.status === 'confirmed') return [];
      if (item.newManagerId) return [{ employeeId: item.newManagerId }];
      return node.confirmedBy === 'hr' || !c.managerId ? [{ shared: 'hr' }] : [{ employeeId: c.managerId }];
    }),
  view: { key: 'team', schema: () => TeamItem },
  report: {
    of: (items) => ({
      team: items.map((i) => ({
        employeeId: i.id,
        name: i.name,
        newManagerId: i.newManagerId ?? '',
        confirmedAt: i.confirmedAt ?? '',
      })),
    }),
    html: (
      report: { team: { employeeId: string; name: string; newManagerId: string; confirmedAt: string }[] },
      { section, table, who, when },
    ) =>
      section(
        '团队',
        'Team',
        table(
          ['员工 Employee', '新经理 New manager', '确认 Confirmed'],
          report.team.map((t) => [who(t.employeeId), who(t.newManagerId), when(t.confirmedAt)]),
        ),
      ),
  },
  confirmations: [assign, confirm],
  /** At completion each confirmed report moves to their new manager (with evidence), nobody twice. */
  async apply(context, c, items) {
    let moved = 0;
    const at = context.clock.now().toISOString();
    for (const item of items) {
      if (item.status !== 'confirmed' || !item.newManagerId) continue;
      const before = await context.employees.get(item.id, { consistent: true });
      if (!before || before.managerId === item.newManagerId) continue;
      const newManagerLine = await lineAboveNewManager(context.employees, item.id, item.newManagerId);
      const { version: _v, createdAt: _c, updatedAt: _u, directReports: _d, ...fields } = before;
      await committing(
        context.employees.prepareUpdate(before, { ...fields, managerId: item.newManagerId }, at, {
          newManagerLine,
        }),
        (writes) =>
          context.evidence.append(
            [
              {
                actor: 'system',
                action: 'employee.updated',
                subject: `employee:${item.id}`,
                caseId: c.id,
                reason: `Handover of case ${c.id}`,
                details: {
                  changes: { managerId: { from: before.managerId ?? null, to: item.newManagerId } },
                },
              },
            ],
            { alongside: writes },
          ),
      );
      moved++;
    }
    return moved;
  },
});
