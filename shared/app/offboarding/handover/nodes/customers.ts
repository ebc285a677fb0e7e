import type { Recipient } from '#app/communication/index.ts';
import { customerIdsOf, makeTransferCustomers } from '#app/customers/index.ts';
import type { CustomerKnowledge, CustomerRecord } from '#domain/customers/index.ts';
import { Customer, industryName } from '#domain/customers/index.ts';
import { deadlineDay, HandoverItemBase, leaverName } from '#domain/offboarding/case.ts';
import { assessCustomer } from '#domain/risk/index.ts';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import { ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import { CustomerId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { sha256Hex } from '#kernel/signature.ts';
import { Sha256Hex, upTo } from '#kernel/text.ts';
import { localDate } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';
import { type Confirmation, defineConfirmation, defineNodeKind } from './nodeKind.ts';

const Reason = z.string().check(z.minLength(3), z.maxLength(500));
/** A customer is passed on at most this many times in one handover (its item keeps each move). */
const maxReassignments = 20;

/** What a successor sees of a customer, and signs for: the fields that identify it and its value. */
export const CustomerSnapshot = z.object({
  id: CustomerId,
  name: Customer.shape.name,
  // The industry's code (a label in snapshots signed before industries had codes).
  industry: upTo(100),
  region: Customer.shape.region,
  tier: upTo(20),
  contacts: z.int().check(z.gte(0), z.lte(1000)),
  openDealsMinor: z.int().check(z.gte(0)),
  version: z.int().check(z.positive()),
});
export type CustomerSnapshot = z.infer<typeof CustomerSnapshot>;

export const CustomerItem = z.object({
  ...HandoverItemBase.shape,
  node: z.literal('customers'),
  id: CustomerId,
  snapshot: CustomerSnapshot,
  /** Empty while nobody is named to take it over. */
  successorId: z.union([EmployeeId, z.literal('')]),
  /**
   * Who knows the customer next best (risk's degree), best first: whom to name if the default is
   * wrong; and the leaver's succession candidates who know it, with their readiness.
   */
  suggestedSuccessors: z.optional(
    z
      .array(
        z.object({
          employeeId: EmployeeId,
          degree: z.number(),
          shareOfBest: z.number(),
          successionCandidate: z.optional(
            z.object({
              keyPositionId: upTo(40),
              status: z.enum(['ready_now', 'ready_in_months', 'not_yet']),
              label: z.object({ 'zh-CN': upTo(100), en: upTo(100) }),
            }),
          ),
        }),
      )
      .check(z.maxLength(6)),
  ),
  status: z.enum(['pending', 'accepted', 'rejected']),
  rejection: z.optional(z.object({ by: EmployeeId, at: Timestamp, reason: upTo(500) })),
  /** Reassignments, oldest first. */
  reassigned: z.optional(
    z
      .array(
        z.object({
          by: EmployeeId,
          at: Timestamp,
          from: z.union([EmployeeId, z.literal('')]),
          to: EmployeeId,
          reason: upTo(500),
        }),
      )
      .check(z.maxLength(maxReassignments)),
  ),
});
export type CustomerItem = z.infer<typeof CustomerItem>;

export function snapshotOf(c: CustomerRecord, known: CustomerKnowledge | undefined): CustomerSnapshot {
  return {
    id: c.id,
    name: c.name,
    industry: c.industry,
    region: c.region,
    tier: c.tier,
    contacts: c.contacts.length,
    openDealsMinor: known?.activity?.openMinor ?? 0,
    version: c.version,
  };
}

/** The hash a successor's client sends back to say "this is what I saw" when accepting a customer. */
export const itemHash = (item: Pick<CustomerItem, 'snapshot'>) => sha256Hex(canonicalJson(item.snapshot));

/** Whoever is named to take over one of the customers (each item then says whether it is theirs). */
const aSuccessor: Confirmation['who'] = {
  may: async (context, actor, c) =>
    c.successorIds.includes(actor.employeeId) ||
    (await context.itemsOf(customersNode, c.id)).some((i) => i.successorId === actor.employeeId),
  refusal: 'Only those named to take over her customers accept or decline them.',
};

const accept = defineConfirmation({
  http: {
    method: 'POST',
    path: 'customers/accept',
    operationId: 'acceptCustomers',
    problems: ['not_acceptable', 'item_accepted'],
    summary: 'The successor accepts customers, each exactly as shown (its sha256), with one signature',
    response: 'The case after the acceptance',
  },
  input: () => ({
    body: z.strictObject({
      items: z
        .array(
          z.strictObject({
            customerId: CustomerId,
            sha256: Sha256Hex,
          }),
        )
        .check(z.minLength(1), z.maxLength(500)),
    }),
  }),
  retryOnRace: true,
  mayComplete: true,
  who: aSuccessor,
  /**
   * Each customer exactly as shown (the hash of what the successor saw must match what is stored),
   * signed together in one statement. Accepting again what one accepted changes nothing, even once
   * the node has closed.
   */
  async run(context, actor, c, { body }) {
    const items = new Map((await context.itemsOf(customersNode, c.id)).map((i) => [i.id, i]));
    const repeat = body.items.every(({ customerId }) => {
      const item = items.get(customerId);
      return item?.status === 'accepted' && item.successorId === actor.employeeId;
    });
    if (repeat) return;
    context.requireOpen(c, 'customers');
    const problems: { field: string; message: string }[] = [];
    const moving: CustomerItem[] = [];
    for (const [index, { customerId, sha256 }] of body.items.entries()) {
      const item = items.get(customerId);
      const problem = (field: string, message: string) =>
        problems.push({ field: `items.${index}.${field}`, message });
      if (!item) problem('customerId', `${customerId} is not in this handover`);
      else if (item.successorId !== actor.employeeId)
        throw new PermissionDeniedError(`${customerId} is handed to someone else.`);
      else if (item.status === 'rejected')
        problem('customerId', `${customerId} was rejected; the manager reassigns it`);
      else if (item.status === 'pending' && itemHash(item) !== sha256)
        problem('sha256', `${customerId} is not what you were shown; read the case again`);
      else if (item.status === 'pending') moving.push(item);
    }
    if (problems.length > 0)
      throw new InvalidInputError('Some customers cannot be accepted.', problems, 'not_acceptable');
    if (moving.length === 0) return;
    const signature = await context.sign(actor.employeeId, 'customers.accepted', {
      caseId: c.id,
      node: 'customers',
      successorId: actor.employeeId,
      customers: moving.map((i) => i.snapshot),
    });
    await context.commitItems(
      c,
      moving.map((before) => ({
        before,
        after: { ...before, status: 'accepted' as const, signature, version: before.version + 1 },
      })),
      (done) => ({
        actor: actor.employeeId,
        action: 'handover.customers-accepted',
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        details: {
          customers: done.map((i) => i.id),
          statementSha256: signature.statementSha256,
          signature: signature.signature,
        },
      }),
    );
  },
});

const reject = defineConfirmation({
  http: {
    method: 'POST',
    path: 'customers/{customerId}/reject',
    operationId: 'rejectCustomer',
    problems: ['item_accepted'],
    summary: 'The successor declines a customer, with the reason; the manager reassigns it',
    response: 'The case after the rejection',
  },
  input: () => ({
    params: z.object({ customerId: CustomerId }),
    body: z.strictObject({ reason: Reason }),
  }),
  who: aSuccessor,
  async run(context, actor, c, { params, body }) {
    context.requireOpen(c, 'customers');
    const item = await context.itemOf(customersNode, c.id, params.customerId);
    if (!item) throw new NotFoundError(`${params.customerId} in case ${c.id}`);
    if (item.successorId !== actor.employeeId)
      throw new PermissionDeniedError(`${params.customerId} is handed to someone else.`);
    if (item.status === 'rejected') return;
    if (item.status !== 'pending')
      throw new ConflictError('item_accepted', `${params.customerId} is already accepted.`);
    const at = context.clock.now().toISOString();
    await context.commitItems(
      c,
      [
        {
          before: item,
          after: {
            ...item,
            status: 'rejected' as const,
            rejection: { by: actor.employeeId, at, reason: body.reason },
            version: item.version + 1,
          },
        },
      ],
      () => ({
        actor: actor.employeeId,
        action: 'handover.customer-rejected',
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        reason: body.reason,
        details: { customer: params.customerId },
      }),
    );
    await context.tell(
      [c.managerId ? { employeeId: c.managerId } : { shared: 'hr' }],
      'item.rejected',
      { customer: item.snapshot.name, successor: actor.employeeId, reason: body.reason },
      {
        dedupeKey: `${c.id}|rejected|${params.customerId}|${at}`,
        data: { caseId: c.id, customerId: params.customerId },
      },
    );
  },
});

const reassign = defineConfirmation({
  http: {
    method: 'POST',
    path: 'customers/reassign',
    operationId: 'reassignCustomers',
    problems: ['not_reassignable', 'invalid_successor'],
    summary: 'The manager or HR hands customers not yet accepted to another successor',
    response: 'The case after the reassignment',
  },
  input: () => ({
    body: z.strictObject({
      customerIds: z.array(CustomerId).check(z.minLength(1), z.maxLength(500)),
      toSuccessorId: EmployeeId,
      reason: Reason,
    }),
  }),
  who: {
    may: async (context, actor, c) => context.isHr(actor) || (await context.isManagerOf(actor, c)),
    refusal: 'Only the manager or HR reassigns customers.',
  },
  async run(context, actor, c, { body }) {
    context.requireOpen(c, 'customers');
    const successor = (await context.employees.getMany([body.toSuccessorId])).get(body.toSuccessorId);
    if (successor?.status !== 'active' || successor.id === c.employeeId)
      throw new InvalidInputError(
        'The new successor cannot take over.',
        [
          {
            field: 'toSuccessorId',
            message: `${body.toSuccessorId} is not a current employee who can take over`,
          },
        ],
        'invalid_successor',
      );
    const items = new Map((await context.itemsOf(customersNode, c.id)).map((i) => [i.id, i]));
    const problems: { field: string; message: string }[] = [];
    const moving = body.customerIds.flatMap((id, index) => {
      const item = items.get(id);
      if (!item) problems.push({ field: `customerIds.${index}`, message: `${id} is not in this handover` });
      else if (item.status === 'accepted')
        problems.push({ field: `customerIds.${index}`, message: `${id} is already accepted` });
      else if ((item.reassigned?.length ?? 0) >= maxReassignments)
        problems.push({
          field: `customerIds.${index}`,
          message: `${id} was reassigned ${maxReassignments} times`,
        });
      return item && item.status !== 'accepted' && item.successorId !== body.toSuccessorId ? [item] : [];
    });
    if (problems.length > 0)
      throw new InvalidInputError('Some customers cannot be reassigned.', problems, 'not_reassignable');
    const at = context.clock.now().toISOString();
    await context.commitItems(
      c,
      moving.map((before) => {
        const { rejection: _r, ...rest } = before;
        return {
          before,
          after: {
            ...rest,
            status: 'pending' as const,
            successorId: body.toSuccessorId,
            reassigned: [
              ...(before.reassigned ?? []),
              {
                by: actor.employeeId,
                at,
                from: before.successorId,
                to: body.toSuccessorId,
                reason: body.reason,
              },
            ],
            version: before.version + 1,
          },
        };
      }),
      (done) => ({
        actor: actor.employeeId,
        action: 'handover.customers-reassigned',
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        reason: body.reason,
        details: { customers: done.map((i) => i.id), to: body.toSuccessorId },
      }),
    );
    if (moving.length === 0) return;
    const node = c.nodes.find((n) => n.kind === 'customers');
    await context.tell(
      [{ employeeId: body.toSuccessorId }],
      'items.assigned',
      {
        employee: leaverName(c),
        count: String(moving.length),
        deadline: node ? deadlineDay(node, context.timeZone) : '',
      },
      { dedupeKey: `${c.id}|assigned|${body.toSuccessorId}|${at}`, data: { caseId: c.id } },
    );
  },
});

/**
 * The customers node: the leaver's customers, each accepted by a successor who signs for exactly what
 * they saw; at completion the accepted ones move to their successors.
 */
export const customersNode = defineNodeKind({
  kind: 'customers',
  names: { 'zh-CN': '客户交接', en: 'the customer handover' },
  confirmers: ['successor'],
  item: CustomerItem,
  templateIssues: (node) =>
    node.sections ? [{ field: 'sections', message: 'Only the work report lists sections' }] : [],

  async open(context, { employeeId, successorId }) {
    const ids = await customerIdsOf(context.customers, employeeId);
    const [records, known, weights, offers] = await Promise.all([
      context.customers.getMany(ids),
      context.knowledge.getMany(ids),
      context.riskWeights.current(),
      context.successionCandidates(employeeId),
    ]);
    // One offer per person: the readiest of the positions they are a candidate for.
    const candidates = new Map<string, (typeof offers)[number]>();
    for (const o of offers) if (!candidates.has(o.employeeId)) candidates.set(o.employeeId, o);
    const today = localDate(context.clock.now(), context.timeZone);
    const workers = new Set([...known.values()].flatMap((k) => Object.keys(k.activity?.work ?? {})));
    const people = await context.employees.getMany([...workers].filter((id) => id !== employeeId));
    const present = (id: string) => id !== employeeId && people.has(id) && people.get(id)?.status !== 'left';
    const suggested = (id: string) => {
      const k = known.get(id);
      if (!k) return [];
      const knowers = assessCustomer(k, today, weights, present).knowers.filter((x) => x.degree > 0);
      // The three who know it best, and any candidate to succeed the leaver who knows it too.
      return knowers
        .filter((x, n) => n < 3 || candidates.has(x.employeeId))
        .slice(0, 6)
        .map(({ employeeId: who, degree, shareOfBest }) => {
          const offer = candidates.get(who);
          return {
            employeeId: who,
            degree,
            shareOfBest,
            ...(offer
              ? {
                  successionCandidate: {
                    keyPositionId: offer.keyPositionId,
                    status: offer.status,
                    label: offer.label,
                  },
                }
              : {}),
          };
        });
    };
    return ids.flatMap((id) => {
      const customer = records.get(id);
      return customer
        ? [
            {
              node: 'customers' as const,
              id: customer.id,
              snapshot: snapshotOf(customer, known.get(customer.id)),
              successorId,
              suggestedSuccessors: suggested(customer.id),
              status: 'pending' as const,
              version: 1,
            },
          ]
        : [];
    });
  },

  complete: (items) => items.every((i) => i.status === 'accepted'),

  involves: (items, employeeId) => items.some((i) => i.successorId === employeeId),

  owedBy: (c, _node, items) =>
    items.flatMap((item): Recipient[] => {
      if (item.status === 'pending' && item.successorId) return [{ employeeId: item.successorId }];
      // Unassigned or rejected: the manager (or HR) reassigns it.
      if (item.status !== 'accepted') return [c.managerId ? { employeeId: c.managerId } : { shared: 'hr' }];
      return [];
    }),

  view: {
    key: 'customers',
    schema: () =>
      z.object({
        ...CustomerItem.shape,
        sha256: Sha256Hex.check(z.describe('Send it back to accept: it says which version you saw')),
      }),
    of: (item) => ({ ...item, sha256: itemHash(item) }),
    // Key accounts stay hidden from whoever may not read them (the leaver after D−7), unless they are
    // handed to that person.
    shows: (item, actor) =>
      item.snapshot.tier !== 'key' ||
      item.successorId === actor.employeeId ||
      actor.permissions.has('customer:read:key-accounts'),
  },

  report: {
    of(items) {
      const bySuccessor = new Map<string, CustomerSnapshot[]>();
      for (const item of items.filter((i) => i.status === 'accepted'))
        bySuccessor.set(item.successorId, [...(bySuccessor.get(item.successorId) ?? []), item.snapshot]);
      return {
        customers: [...bySuccessor].map(([successorId, list]) => ({
          successorId,
          customers: list.sort((a, b) => a.id.localeCompare(b.id)),
        })),
        rejectedOrReassigned: items
          .filter((i) => i.rejection || i.reassigned?.length)
          .map((i) => ({
            customerId: i.id,
            name: i.snapshot.name,
            ...(i.rejection ? { rejection: i.rejection } : {}),
            ...(i.reassigned ? { reassigned: i.reassigned } : {}),
          })),
      };
    },
    html: (
      report: {
        customers: { successorId: string; customers: CustomerSnapshot[] }[];
        rejectedOrReassigned: {
          customerId: string;
          name: string;
          rejection?: unknown;
          reassigned?: unknown;
        }[];
      },
      { escapeHtml, section, table, who },
    ) =>
      [
        section(
          '客户交接',
          'Customers handed over',
          report.customers
            .map(
              (g) =>
                `<h3>→ ${escapeHtml(who(g.successorId))}</h3>${table(
                  ['ID', '名称 Name', '行业 Industry', '地区 Region', '级别 Tier'],
                  g.customers.map((c) => [c.id, c.name, industryName(c.industry), c.region, c.tier]),
                )}`,
            )
            .join('') || '<p>—</p>',
        ),
        section(
          '拒绝与重新分配',
          'Rejected and reassigned',
          table(
            ['ID', '名称 Name', '记录 Record'],
            report.rejectedOrReassigned.map((r) => [
              r.customerId,
              r.name,
              JSON.stringify({ rejection: r.rejection, reassigned: r.reassigned }),
            ]),
          ),
        ),
      ].join('\n'),
  },

  confirmations: [accept, reject, reassign],

  async opened(context, c, items) {
    const successorId = c.successorIds[0];
    const node = c.nodes.find((n) => n.kind === 'customers');
    if (!successorId || items.length === 0 || !node) return;
    await context.tell(
      [{ employeeId: successorId }],
      'items.assigned',
      {
        employee: leaverName(c),
        count: String(items.length),
        deadline: deadlineDay(node, context.timeZone),
      },
      { dedupeKey: `${c.id}|assigned|${successorId}`, data: { caseId: c.id } },
    );
  },

  /** Customers nobody was assigned go to the first successor now named. */
  async follow(context, c, resignation) {
    const successor = resignation.successorIds[0];
    if (!successor) return;
    const unassigned = (await context.itemsOf(customersNode, c.id)).filter(
      (i) => i.status === 'pending' && !i.successorId,
    );
    if (unassigned.length === 0) return;
    // The successor is told before the items are theirs: a crash in between is a redelivery that
    // assigns them and tells nobody twice (the same customers, the same notice).
    const node = c.nodes.find((n) => n.kind === 'customers');
    await context.tell(
      [{ employeeId: successor }],
      'items.assigned',
      {
        employee: leaverName(c),
        count: String(unassigned.length),
        deadline: node ? deadlineDay(node, context.timeZone) : '',
      },
      {
        dedupeKey: `${c.id}|assigned|${successor}|${sha256Hex(unassigned.map((i) => i.id).join())}`,
        data: { caseId: c.id },
      },
    );
    // In chunks within DynamoDB's transaction limit; a redelivery finds only those still unassigned.
    await context.commitItems(
      c,
      unassigned.map((item) => ({
        before: item,
        after: { ...item, successorId: successor, version: item.version + 1 },
      })),
      (assigned) => ({
        actor: 'system',
        action: 'offboarding.items-assigned',
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        details: { successorId: successor, customers: assigned.map((i) => i.id) },
      }),
    );
  },

  /** The accepted customers move to their successors (with history and evidence), nothing twice. */
  async apply(context, c, items) {
    const bySuccessor = new Map<string, string[]>();
    for (const item of items.filter((i) => i.status === 'accepted'))
      bySuccessor.set(item.successorId, [...(bySuccessor.get(item.successorId) ?? []), item.id]);
    const move = makeTransferCustomers(context);
    let moved = 0;
    for (const [successorId, customerIds] of bySuccessor) {
      const result = await move('system', {
        toOwnerId: successorId,
        customerIds,
        reason: `Handover of case ${c.id}`,
        caseId: c.id,
      });
      moved += result.moved.length + result.alreadyThere.length;
    }
    return moved;
  },
});
