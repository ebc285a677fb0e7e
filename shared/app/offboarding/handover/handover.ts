import { randomUUID } from 'node:crypto';
import { reportsTo } from '#app/people/reportingLine.ts';
import type { EvidenceDraft } from '#domain/evidence/evidence.ts';
import type {
  AssetItem,
  AssetSnapshot,
  CaseItem,
  CaseList,
  CustomerItem,
  OffboardingCase,
  WorkEntries,
  WorkReportItem,
} from '#domain/offboarding/case.ts';
import type { NodeKind } from '#domain/offboarding/template.ts';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import {
  ConflictError,
  InvalidInputError,
  isDomainError,
  NotFoundError,
  PermissionDeniedError,
  StaleVersionError,
} from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { type Signature, sha256Hex, statementBytes } from '#kernel/signature.ts';
import { combineChanges, committing, type PreparedChange } from '#kernel/writes.ts';
import { closeNodeIfComplete, updateCase } from './caseTasks.ts';
import type { OffboardingDeps } from './deps.ts';

/** The hash a successor's client sends back to say "this is what I saw" when accepting a customer. */
export const itemHash = (item: CustomerItem) => sha256Hex(canonicalJson(item.snapshot));

type Deps = Pick<
  OffboardingDeps,
  'cases' | 'employees' | 'evidence' | 'writes' | 'workflow' | 'tell' | 'signer' | 'clock'
>;

/** Items a confirmation moves: up to this many in one transaction with the evidence entry. */
const chunk = 90;

/**
 * What people do in a handover, through the API: successors accept (or reject) customers, the manager
 * reassigns them; the employee writes and submits the work report, the manager approves or returns
 * it; the admin office confirms assets. Each confirmation is signed over exactly what was confirmed,
 * recorded in the evidence log, and closes its node when it was the last thing missing.
 */
export function makeHandover(deps: Deps) {
  const isHr = (actor: Principal) => actor.permissions.has('offboarding:manage');
  const isManagerOf = async (actor: Principal, c: OffboardingCase) =>
    actor.employeeId === c.managerId ||
    (actor.permissions.has('employee:read:team') &&
      (await reportsTo(deps.employees, { managerId: c.managerId }, actor.employeeId)));

  const load = async (caseId: string) => {
    const c = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError(`Case ${caseId}`);
    return c;
  };
  const requireOpen = (c: OffboardingCase, kind: NodeKind) => {
    const node = c.nodes.find((n) => n.kind === kind);
    if (!node) throw new NotFoundError(`A ${kind} node in case ${c.id}`);
    if (c.status !== 'open' || node.status !== 'open')
      throw new ConflictError(
        'node_closed',
        `The ${kind} node of case ${c.id} is ${node.status === 'open' ? c.status : node.status}.`,
      );
    return node;
  };
  const sign = async (
    signer: string,
    action: string,
    statement: Record<string, unknown>,
  ): Promise<Signature> => {
    const bytes = statementBytes(statement);
    const { keyId, signature } = await deps.signer.sign(bytes);
    return {
      signer,
      at: deps.clock.now().toISOString(),
      action,
      statement,
      statementSha256: sha256Hex(bytes),
      keyId,
      algorithm: 'ECDSA_SHA_256',
      signature,
    };
  };
  /** Item updates with one evidence entry, in chunks that each commit all-or-nothing. */
  const commitItems = async (
    c: OffboardingCase,
    changes: { before: CaseItem; after: CaseItem }[],
    draft: (items: CaseItem[]) => EvidenceDraft,
  ) => {
    for (let start = 0; start < changes.length; start += chunk) {
      const part = changes.slice(start, start + chunk);
      const change: PreparedChange = combineChanges(
        ...part.map(({ before, after }) => deps.cases.prepareItemUpdate(c.id, before, after)),
      );
      await committing(change, (writes) =>
        deps.evidence.append([draft(part.map((p) => p.after))], { alongside: writes }),
      );
    }
  };

  /** What a reader sees: the case without workflow tokens, and its items (customers with the hash to sign). */
  const view = (c: OffboardingCase, items: CaseItem[], actor: Principal) => ({
    ...c,
    nodes: c.nodes.map(({ taskToken: _t, ...n }) => n),
    items: {
      // Key accounts stay hidden from whoever may not read them (the leaver after D−7), unless they
      // are handed to that person.
      customers: items
        .filter((i): i is CustomerItem => i.node === 'customers')
        .filter(
          (i) =>
            i.snapshot.tier !== 'key' ||
            i.successorId === actor.employeeId ||
            actor.permissions.has('customer:read:key-accounts'),
        )
        .map((i) => ({ ...i, sha256: itemHash(i) })),
      workReport: items.find((i): i is WorkReportItem => i.node === 'work-report'),
      assets: items.filter((i): i is AssetItem => i.node === 'assets'),
    },
  });

  /** HR, the employee, their managers, their successors and the admin office read a case. */
  const read = async (actor: Principal, caseId: string) => {
    const c = await load(caseId);
    const items = await deps.cases.items(caseId);
    const involved =
      isHr(actor) ||
      actor.employeeId === c.employeeId ||
      c.successorIds.includes(actor.employeeId) ||
      items.some((i) => i.node === 'customers' && i.successorId === actor.employeeId) ||
      actor.permissions.has('offboarding:confirm-assets') ||
      (await isManagerOf(actor, c));
    if (!involved) throw new PermissionDeniedError('Only those involved in this handover read it.');
    return view(c, items, actor);
  };

  const acceptOnce = async (
    actor: Principal,
    caseId: string,
    accepted: { customerId: string; sha256: string }[],
  ) => {
    const c = await load(caseId);
    const items = new Map(
      (await deps.cases.items(caseId, 'customers')).map((i) => [i.id, i as CustomerItem]),
    );
    const repeat = accepted.every(({ customerId }) => {
      const item = items.get(customerId);
      return item?.status === 'accepted' && item.successorId === actor.employeeId;
    });
    // Accepting again what one has accepted changes nothing, even once the node has closed.
    if (repeat) return read(actor, caseId);
    requireOpen(c, 'customers');
    const problems: { field: string; message: string }[] = [];
    const moving: CustomerItem[] = [];
    for (const [index, { customerId, sha256 }] of accepted.entries()) {
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
    if (moving.length > 0) {
      const signature = await sign(actor.employeeId, 'customers.accepted', {
        caseId,
        node: 'customers',
        successorId: actor.employeeId,
        customers: moving.map((i) => i.snapshot),
      });
      await commitItems(
        c,
        moving.map((before) => ({
          before,
          after: { ...before, status: 'accepted', signature, version: before.version + 1 },
        })),
        (done) => ({
          actor: actor.employeeId,
          action: 'handover.customers-accepted',
          subject: `employee:${c.employeeId}`,
          caseId,
          details: {
            customers: done.map((i) => i.id),
            statementSha256: signature.statementSha256,
            signature: signature.signature,
          },
        }),
      );
    }
    await closeNodeIfComplete(deps, caseId, 'customers');
    return read(actor, caseId);
  };

  return {
    read,

    async list(actor: Principal, list: CaseList, page: PageRequest) {
      requirePermission(actor, 'offboarding:manage');
      const result = await deps.cases.list(list, page);
      return {
        ...result,
        items: result.items.map(({ nodes, ...c }) => ({
          ...c,
          nodes: nodes.map(({ taskToken: _t, ...n }) => n),
        })),
      };
    },

    /**
     * The successor accepts customers: each one exactly as shown (the hash of what they saw must match
     * what is stored), signed together in one statement. Accepting one already accepted is harmless.
     */
    /** Two people accepting at once may race for an item: the loser reads again and finds it done. */
    async acceptCustomers(
      actor: Principal,
      caseId: string,
      accepted: { customerId: string; sha256: string }[],
    ): Promise<Awaited<ReturnType<typeof read>>> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await acceptOnce(actor, caseId, accepted);
        } catch (error) {
          if (!(isDomainError(error) && error.code === 'stale_version') || attempt >= 4) throw error;
        }
      }
    },

    async rejectCustomer(actor: Principal, caseId: string, customerId: string, reason: string) {
      const c = await load(caseId);
      requireOpen(c, 'customers');
      const item = (await deps.cases.getItem(caseId, 'customers', customerId)) as CustomerItem | undefined;
      if (!item) throw new NotFoundError(`${customerId} in case ${caseId}`);
      if (item.successorId !== actor.employeeId)
        throw new PermissionDeniedError(`${customerId} is handed to someone else.`);
      if (item.status === 'rejected') return read(actor, caseId);
      if (item.status !== 'pending')
        throw new ConflictError('item_accepted', `${customerId} is already accepted.`);
      const at = deps.clock.now().toISOString();
      await commitItems(
        c,
        [
          {
            before: item,
            after: {
              ...item,
              status: 'rejected',
              rejection: { by: actor.employeeId, at, reason },
              version: item.version + 1,
            },
          },
        ],
        () => ({
          actor: actor.employeeId,
          action: 'handover.customer-rejected',
          subject: `employee:${c.employeeId}`,
          caseId,
          reason,
          details: { customer: customerId },
        }),
      );
      await deps.tell(
        [c.managerId ? { employeeId: c.managerId } : { shared: 'hr' }],
        'item.rejected',
        { customer: item.snapshot.name, successor: actor.employeeId, reason },
        { dedupeKey: `${caseId}|rejected|${customerId}|${at}`, data: { caseId, customerId } },
      );
      return read(actor, caseId);
    },

    /** The manager (or HR) gives customers not yet accepted to another successor. */
    async reassignCustomers(
      actor: Principal,
      caseId: string,
      input: { customerIds: string[]; toSuccessorId: string; reason: string },
    ) {
      const c = await load(caseId);
      requireOpen(c, 'customers');
      if (!isHr(actor) && !(await isManagerOf(actor, c)))
        throw new PermissionDeniedError('Only the manager or HR reassigns customers.');
      const successor = (await deps.employees.getMany([input.toSuccessorId])).get(input.toSuccessorId);
      if (successor?.status !== 'active' || successor.id === c.employeeId)
        throw new InvalidInputError(
          'The new successor cannot take over.',
          [
            {
              field: 'toSuccessorId',
              message: `${input.toSuccessorId} is not a current employee who can take over`,
            },
          ],
          'invalid_successor',
        );
      const items = new Map(
        (await deps.cases.items(caseId, 'customers')).map((i) => [i.id, i as CustomerItem]),
      );
      const problems: { field: string; message: string }[] = [];
      const moving = input.customerIds.flatMap((id, index) => {
        const item = items.get(id);
        if (!item) problems.push({ field: `customerIds.${index}`, message: `${id} is not in this handover` });
        else if (item.status === 'accepted')
          problems.push({ field: `customerIds.${index}`, message: `${id} is already accepted` });
        return item && item.status !== 'accepted' && item.successorId !== input.toSuccessorId ? [item] : [];
      });
      if (problems.length > 0)
        throw new InvalidInputError('Some customers cannot be reassigned.', problems, 'not_reassignable');
      const at = deps.clock.now().toISOString();
      await commitItems(
        c,
        moving.map((before) => {
          const { rejection: _r, ...rest } = before;
          return {
            before,
            after: {
              ...rest,
              status: 'pending',
              successorId: input.toSuccessorId,
              reassigned: [
                ...(before.reassigned ?? []),
                {
                  by: actor.employeeId,
                  at,
                  from: before.successorId,
                  to: input.toSuccessorId,
                  reason: input.reason,
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
          caseId,
          reason: input.reason,
          details: { customers: done.map((i) => i.id), to: input.toSuccessorId },
        }),
      );
      if (moving.length > 0) {
        const node = c.nodes.find((n) => n.kind === 'customers');
        await deps.tell(
          [{ employeeId: input.toSuccessorId }],
          'items.assigned',
          {
            employee: c.employeeName,
            count: String(moving.length),
            deadline: node?.deadline.slice(0, 10) ?? '',
          },
          { dedupeKey: `${caseId}|assigned|${input.toSuccessorId}|${at}`, data: { caseId } },
        );
      }
      return read(actor, caseId);
    },

    /** The employee writes the work report (a draft, or a returned one) in the template's sections. */
    async saveWorkReport(actor: Principal, caseId: string, sections: WorkEntries, expectedVersion: number) {
      const c = await load(caseId);
      const node = requireOpen(c, 'work-report');
      if (actor.employeeId !== c.employeeId)
        throw new PermissionDeniedError('The employee writes their work report.');
      const unknown = Object.keys(sections).filter((s) => !node.sections?.includes(s as never));
      if (unknown.length > 0)
        throw new InvalidInputError(
          'Some sections are not part of this report.',
          unknown.map((s) => ({
            field: `sections.${s}`,
            message: `Not one of ${node.sections?.join(', ')}`,
          })),
        );
      const item = (await deps.cases.getItem(caseId, 'work-report', 'report')) as WorkReportItem;
      if (item.version !== expectedVersion) throw new StaleVersionError();
      if (item.status === 'submitted' || item.status === 'approved')
        throw new ConflictError(
          'report_submitted',
          'The report is submitted; the manager returns it for changes.',
        );
      await committing(
        deps.cases.prepareItemUpdate(caseId, item, { ...item, sections, version: item.version + 1 }),
        (w) => deps.writes.commit(w),
      );
      return read(actor, caseId);
    },

    async submitWorkReport(actor: Principal, caseId: string) {
      const c = await load(caseId);
      const node = requireOpen(c, 'work-report');
      if (actor.employeeId !== c.employeeId)
        throw new PermissionDeniedError('The employee submits their work report.');
      const item = (await deps.cases.getItem(caseId, 'work-report', 'report')) as WorkReportItem;
      if (item.status === 'submitted') return read(actor, caseId);
      if (item.status === 'approved') throw new ConflictError('report_approved', 'The report is approved.');
      const missing = (node.sections ?? []).filter((s) => !item.sections[s]?.length);
      if (missing.length > 0)
        throw new InvalidInputError(
          'Fill in every section first (write "none" where there is nothing).',
          missing.map((s) => ({ field: `sections.${s}`, message: 'Empty' })),
          'report_incomplete',
        );
      const at = deps.clock.now().toISOString();
      await commitItems(
        c,
        [
          {
            before: item,
            after: { ...item, status: 'submitted', submittedAt: at, version: item.version + 1 },
          },
        ],
        () => ({
          actor: actor.employeeId,
          action: 'handover.report-submitted',
          subject: `employee:${c.employeeId}`,
          caseId,
          details: { sha256: sha256Hex(canonicalJson(item.sections)) },
        }),
      );
      const reviewer =
        node.confirmedBy === 'hr' || !c.managerId ? { shared: 'hr' as const } : { employeeId: c.managerId };
      await deps.tell(
        [reviewer],
        'report.submitted',
        { employee: c.employeeName },
        { dedupeKey: `${caseId}|report-submitted|${at}`, data: { caseId } },
      );
      return read(actor, caseId);
    },

    /** The manager (or HR, when the template says so) approves or returns the submitted report. */
    async decideWorkReport(
      actor: Principal,
      caseId: string,
      decision: { approve: boolean; comment?: string | undefined; sha256?: string | undefined },
    ) {
      const c = await load(caseId);
      const confirmedBy = c.nodes.find((n) => n.kind === 'work-report')?.confirmedBy;
      const allowed = confirmedBy === 'hr' ? isHr(actor) : (await isManagerOf(actor, c)) || isHr(actor);
      if (!allowed) throw new PermissionDeniedError('The manager approves the work report.');
      const item = (await deps.cases.getItem(caseId, 'work-report', 'report')) as WorkReportItem;
      if (item.status === 'approved' && decision.approve) return read(actor, caseId);
      requireOpen(c, 'work-report');
      if (item.status !== 'submitted')
        throw new ConflictError('report_not_submitted', 'The report is not submitted.');
      const content = sha256Hex(canonicalJson(item.sections));
      if (decision.sha256 && decision.sha256 !== content)
        throw new InvalidInputError(
          'The report changed since you read it.',
          [{ field: 'sha256', message: 'Not the report you read' }],
          'not_acceptable',
        );
      const at = deps.clock.now().toISOString();
      const comments = decision.comment
        ? [...item.comments, { by: actor.employeeId, at, text: decision.comment }]
        : item.comments;
      if (decision.approve) {
        const signature = await sign(actor.employeeId, 'work-report.approved', {
          caseId,
          node: 'work-report',
          employeeId: c.employeeId,
          sections: item.sections,
        });
        await commitItems(
          c,
          [
            {
              before: item,
              after: { ...item, status: 'approved', comments, signature, version: item.version + 1 },
            },
          ],
          () => ({
            actor: actor.employeeId,
            action: 'handover.report-approved',
            subject: `employee:${c.employeeId}`,
            caseId,
            details: { statementSha256: signature.statementSha256, signature: signature.signature },
          }),
        );
        await closeNodeIfComplete(deps, caseId, 'work-report');
      } else {
        if (!decision.comment)
          throw new InvalidInputError('Say what to change.', [
            { field: 'comment', message: 'Required to return a report' },
          ]);
        await commitItems(
          c,
          [{ before: item, after: { ...item, status: 'returned', comments, version: item.version + 1 } }],
          () => ({
            actor: actor.employeeId,
            action: 'handover.report-returned',
            subject: `employee:${c.employeeId}`,
            caseId,
            reason: decision.comment,
          }),
        );
        await deps.tell(
          [{ employeeId: c.employeeId }],
          'report.returned',
          { manager: actor.employeeId, comment: decision.comment },
          { dedupeKey: `${caseId}|returned|${at}`, data: { caseId } },
        );
      }
      return read(actor, caseId);
    },

    /** HR or the admin office adds an asset to take back (it joins the employee's register too). */
    async addAsset(actor: Principal, caseId: string, asset: Omit<AssetSnapshot, 'id'>) {
      if (!isHr(actor) && !actor.permissions.has('offboarding:confirm-assets'))
        throw new PermissionDeniedError('HR or the admin office records assets.');
      const c = await load(caseId);
      requireOpen(c, 'assets');
      const snapshot: AssetSnapshot = { id: `A${randomUUID().slice(0, 8)}`, ...asset };
      await deps.cases.putAsset(c.employeeId, snapshot);
      await committing(
        deps.cases.prepareItemCreate(caseId, {
          node: 'assets',
          id: snapshot.id,
          snapshot,
          status: 'pending',
          version: 1,
        }),
        (writes) =>
          deps.evidence.append(
            [
              {
                actor: actor.employeeId,
                action: 'handover.asset-added',
                subject: `employee:${c.employeeId}`,
                caseId,
                details: { asset: snapshot },
              },
            ],
            { alongside: writes },
          ),
      );
      return read(actor, caseId);
    },

    /** The admin office confirms an asset returned, or records it lost or damaged (with a cost). */
    async confirmAsset(
      actor: Principal,
      caseId: string,
      assetId: string,
      outcome: {
        status: 'returned' | 'lost' | 'damaged';
        condition?: string | undefined;
        note?: string | undefined;
        costMinor?: number | undefined;
      },
    ) {
      const c = await load(caseId);
      const confirmedBy = c.nodes.find((n) => n.kind === 'assets')?.confirmedBy;
      const allowed =
        confirmedBy === 'hr'
          ? isHr(actor)
          : actor.permissions.has('offboarding:confirm-assets') || isHr(actor);
      if (!allowed) throw new PermissionDeniedError('The admin office confirms assets.');
      const item = (await deps.cases.getItem(caseId, 'assets', assetId)) as AssetItem | undefined;
      if (!item) throw new NotFoundError(`Asset ${assetId} in case ${caseId}`);
      // Confirming again what is confirmed changes nothing, even once the node has closed.
      if (item.status === outcome.status) return read(actor, caseId);
      requireOpen(c, 'assets');
      if (item.status !== 'pending')
        throw new ConflictError('asset_confirmed', `Asset ${assetId} is already ${item.status}.`);
      if (outcome.status !== 'returned' && outcome.costMinor === undefined)
        throw new InvalidInputError('A lost or damaged asset has a cost.', [
          { field: 'costMinor', message: 'Required unless returned' },
        ]);
      const recorded = {
        ...(outcome.condition ? { condition: outcome.condition } : {}),
        ...(outcome.note ? { note: outcome.note } : {}),
        ...(outcome.costMinor !== undefined ? { costMinor: outcome.costMinor } : {}),
      };
      const signature = await sign(actor.employeeId, `asset.${outcome.status}`, {
        caseId,
        node: 'assets',
        employeeId: c.employeeId,
        asset: item.snapshot,
        status: outcome.status,
        ...recorded,
      });
      await commitItems(
        c,
        [
          {
            before: item,
            after: { ...item, status: outcome.status, ...recorded, signature, version: item.version + 1 },
          },
        ],
        () => ({
          actor: actor.employeeId,
          action: `handover.asset-${outcome.status}`,
          subject: `employee:${c.employeeId}`,
          caseId,
          details: { asset: assetId, ...recorded, statementSha256: signature.statementSha256 },
        }),
      );
      await closeNodeIfComplete(deps, caseId, 'assets');
      return read(actor, caseId);
    },

    /** The admin office records what an employee holds, so that a handover knows what to take back. */
    async recordAsset(actor: Principal, employeeId: string, asset: Omit<AssetSnapshot, 'id'>) {
      if (!isHr(actor) && !actor.permissions.has('offboarding:confirm-assets'))
        throw new PermissionDeniedError('HR or the admin office records assets.');
      const employee = (await deps.employees.getMany([employeeId])).get(employeeId);
      if (!employee) throw new NotFoundError(`Employee ${employeeId}`);
      const snapshot: AssetSnapshot = { id: `A${randomUUID().slice(0, 8)}`, ...asset };
      await deps.cases.putAsset(employeeId, snapshot);
      return snapshot;
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
      await deps.workflow.start('Handover', `${caseId}-resume-${c.version}`, {
        detail: { employeeId: c.employeeId, resignationId: c.id, lastWorkingDay: c.lastWorkingDay },
        resume: true,
        requestedAt: at,
      });
      const { nodes, ...summary } = c;
      return { ...summary, nodes: nodes.map(({ taskToken: _t, ...n }) => n) };
    },
  };
}
