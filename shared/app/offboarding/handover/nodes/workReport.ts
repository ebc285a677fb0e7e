import type { Recipient } from '#app/communication/index.ts';
import { HandoverItemBase, leaverName } from '#domain/offboarding/case.ts';
import { WorkSection } from '#domain/offboarding/vocabulary.ts';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import { ConflictError, InvalidInputError, NotFoundError, requireVersion } from '#kernel/errors.ts';
import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import { sha256Hex } from '#kernel/signature.ts';
import { Sha256Hex, upTo } from '#kernel/text.ts';
import { committing } from '#kernel/writes.ts';
import * as z from '#kernel/zod.ts';
import type { HandoverContext } from '../context.ts';
import { type Confirmation, defineConfirmation, defineNodeKind } from './nodeKind.ts';

const WorkEntry = z.strictObject({
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  details: z.string().check(z.maxLength(4000)),
});
const WorkEntries = z.partialRecord(WorkSection, z.array(WorkEntry).check(z.maxLength(100)));
type WorkEntries = z.infer<typeof WorkEntries>;

/** A report goes back and forth at most this many times with a comment (the item keeps each one). */
const maxComments = 30;

export const WorkReportItem = z.object({
  ...HandoverItemBase.shape,
  node: z.literal('work-report'),
  id: z.literal('report'),
  sections: WorkEntries,
  status: z.enum(['draft', 'submitted', 'approved', 'returned']),
  submittedAt: z.optional(Timestamp),
  comments: z
    .array(z.object({ by: EmployeeId, at: Timestamp, text: upTo(2000) }))
    .check(z.maxLength(maxComments)),
});
export type WorkReportItem = z.infer<typeof WorkReportItem>;

const theReport = async (context: HandoverContext, caseId: string) => {
  const item = await context.itemOf(workReportNode, caseId, 'report');
  if (!item) throw new NotFoundError(`The work report of case ${caseId}`);
  return item;
};

const save = defineConfirmation({
  http: {
    method: 'PUT',
    path: 'work-report',
    operationId: 'saveWorkReport',
    problems: ['report_submitted', 'report_approved'],
    summary: "The employee writes the work report's sections (If-Match: the report's version)",
    response: 'The case with the saved report',
    requiresIfMatch: true,
  },
  input: () => ({
    body: z.strictObject({ sections: WorkEntries }),
  }),
  /** A draft, or a returned report, in the template's sections. */
  who: {
    may: (_context, actor, c) => actor.employeeId === c.employeeId,
    refusal: 'The employee writes their work report.',
  },
  async run(context, _actor, c, { body, expectedVersion }) {
    const node = context.requireOpen(c, 'work-report');
    const unknown = Object.keys(body.sections).filter((s) => !node.sections?.includes(s as WorkSection));
    if (unknown.length > 0)
      throw new InvalidInputError(
        'Some sections are not part of this report.',
        unknown.map((s) => ({ field: `sections.${s}`, message: `Not one of ${node.sections?.join(', ')}` })),
      );
    const item = await theReport(context, c.id);
    requireVersion(item.version, expectedVersion);
    if (item.status === 'submitted' || item.status === 'approved')
      throw new ConflictError(
        'report_submitted',
        'The report is submitted; the manager returns it for changes.',
      );
    await committing(
      context.cases.prepareItemUpdate(c.id, item, {
        ...item,
        sections: body.sections,
        version: item.version + 1,
      }),
      (w) => context.writes.commit(w),
    );
  },
});

const submit = defineConfirmation({
  http: {
    method: 'POST',
    path: 'work-report/submit',
    operationId: 'submitWorkReport',
    problems: ['report_incomplete', 'report_submitted', 'report_approved'],
    summary: 'The employee submits the work report to the manager',
    response: 'The case with the submitted report',
  },
  who: {
    may: (_context, actor, c) => actor.employeeId === c.employeeId,
    refusal: 'The employee submits their work report.',
  },
  async run(context, actor, c) {
    const node = context.requireOpen(c, 'work-report');
    const item = await theReport(context, c.id);
    if (item.status === 'submitted') return;
    if (item.status === 'approved') throw new ConflictError('report_approved', 'The report is approved.');
    const missing = (node.sections ?? []).filter((s) => !item.sections[s]?.length);
    if (missing.length > 0)
      throw new InvalidInputError(
        'Fill in every section first (write "none" where there is nothing).',
        missing.map((s) => ({ field: `sections.${s}`, message: 'Empty' })),
        'report_incomplete',
      );
    const at = context.clock.now().toISOString();
    await context.commitItems(
      c,
      [
        {
          before: item,
          after: { ...item, status: 'submitted' as const, submittedAt: at, version: item.version + 1 },
        },
      ],
      () => ({
        actor: actor.employeeId,
        action: 'handover.report-submitted',
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        details: { sha256: sha256Hex(canonicalJson(item.sections)) },
      }),
    );
    const reviewer =
      node.confirmedBy === 'hr' || !c.managerId ? { shared: 'hr' as const } : { employeeId: c.managerId };
    await context.tell(
      [reviewer],
      'report.submitted',
      { employee: leaverName(c) },
      { dedupeKey: `${c.id}|report-submitted|${at}`, data: { caseId: c.id } },
    );
  },
});

/** The manager (or HR, when the template says so) approves or returns the submitted report. */
const managerDecides: Confirmation['who'] = {
  may: async (context, actor, c) =>
    c.nodes.find((n) => n.kind === 'work-report')?.confirmedBy === 'hr'
      ? context.isHr(actor)
      : (await context.isManagerOf(actor, c)) || context.isHr(actor),
  refusal: 'The manager approves the work report.',
};

async function decide(
  context: HandoverContext,
  actor: Parameters<typeof context.isHr>[0],
  c: Parameters<typeof context.isManagerOf>[1],
  decision: { approve: boolean; comment?: string | undefined; sha256?: string | undefined },
) {
  const item = await theReport(context, c.id);
  if (item.status === 'approved' && decision.approve) return;
  context.requireOpen(c, 'work-report');
  if (item.status !== 'submitted')
    throw new ConflictError('report_not_submitted', 'The report is not submitted.');
  const content = sha256Hex(canonicalJson(item.sections));
  if (decision.sha256 && decision.sha256 !== content)
    throw new InvalidInputError(
      'The report changed since you read it.',
      [{ field: 'sha256', message: 'Not the report you read' }],
      'not_acceptable',
    );
  const at = context.clock.now().toISOString();
  if (decision.comment && item.comments.length >= maxComments)
    throw new ConflictError(
      'comments_full',
      `The report has ${maxComments} comments; HR decides in person now.`,
    );
  const comments = decision.comment
    ? [...item.comments, { by: actor.employeeId, at, text: decision.comment }]
    : item.comments;
  if (decision.approve) {
    const signature = await context.sign(actor.employeeId, 'work-report.approved', {
      caseId: c.id,
      node: 'work-report',
      employeeId: c.employeeId,
      sections: item.sections,
    });
    await context.commitItems(
      c,
      [
        {
          before: item,
          after: { ...item, status: 'approved' as const, comments, signature, version: item.version + 1 },
        },
      ],
      () => ({
        actor: actor.employeeId,
        action: 'handover.report-approved',
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        details: { statementSha256: signature.statementSha256, signature: signature.signature },
      }),
    );
    return;
  }
  if (!decision.comment)
    throw new InvalidInputError('Say what to change.', [
      { field: 'comment', message: 'Required to return a report' },
    ]);
  await context.commitItems(
    c,
    [{ before: item, after: { ...item, status: 'returned' as const, comments, version: item.version + 1 } }],
    () => ({
      actor: actor.employeeId,
      action: 'handover.report-returned',
      subject: `employee:${c.employeeId}`,
      caseId: c.id,
      reason: decision.comment,
    }),
  );
  await context.tell(
    [{ employeeId: c.employeeId }],
    'report.returned',
    { manager: actor.employeeId, comment: decision.comment },
    { dedupeKey: `${c.id}|returned|${at}`, data: { caseId: c.id } },
  );
}

const approve = defineConfirmation({
  http: {
    method: 'POST',
    path: 'work-report/approve',
    operationId: 'approveWorkReport',
    problems: ['not_acceptable', 'report_not_submitted', 'report_approved', 'comments_full'],
    summary: 'The manager approves the submitted report (signed over its content)',
    response: 'The case with the approved report',
  },
  input: () => ({
    body: z.strictObject({
      comment: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
      sha256: z.optional(Sha256Hex),
    }),
  }),
  mayComplete: true,
  who: managerDecides,
  run: (context, actor, c, { body }) => decide(context, actor, c, { approve: true, ...body }),
});

const giveBack = defineConfirmation({
  http: {
    method: 'POST',
    path: 'work-report/return',
    operationId: 'returnWorkReport',
    problems: ['report_not_submitted', 'report_approved', 'comments_full'],
    summary: 'The manager returns the report with what to change',
    response: 'The case with the returned report',
  },
  input: () => ({
    body: z.strictObject({ comment: z.string().check(z.minLength(3), z.maxLength(2000)) }),
  }),
  who: managerDecides,
  run: (context, actor, c, { body }) => decide(context, actor, c, { approve: false, comment: body.comment }),
});

/**
 * The work report: the employee writes what a successor needs (open projects, pending tasks, where
 * documents are…) in the template's sections; the manager (or HR) approves it, signing its content.
 */
export const workReportNode = defineNodeKind({
  kind: 'work-report',
  names: { 'zh-CN': '工作交接报告', en: 'the work report' },
  confirmers: ['manager', 'hr'],
  item: WorkReportItem,
  templateIssues: (node) =>
    node.sections ? [] : [{ field: 'sections', message: 'The work report lists its sections' }],
  open: async () => [
    {
      node: 'work-report' as const,
      id: 'report' as const,
      sections: {},
      status: 'draft' as const,
      comments: [],
      version: 1,
    },
  ],
  complete: (items) => items.some((i) => i.status === 'approved'),
  owedBy: (c, node, items) =>
    items.flatMap((item): Recipient[] => {
      if (item.status === 'draft' || item.status === 'returned') return [{ employeeId: c.employeeId }];
      if (item.status !== 'submitted') return [];
      if (node.confirmedBy === 'hr' || !c.managerId) return [{ shared: 'hr' as const }];
      return [{ employeeId: c.managerId }];
    }),
  editedVersion: (items) => items[0]?.version,
  view: {
    key: 'workReport',
    schema: () => WorkReportItem,
    single: true,
  },
  report: {
    of: (items) => {
      const work = items[0];
      return work
        ? {
            workReport: {
              sections: work.sections,
              ...(work.submittedAt ? { submittedAt: work.submittedAt } : {}),
              comments: work.comments,
            },
          }
        : {};
    },
    html: (report: { workReport?: { sections: WorkEntries } }, { escapeHtml, section, table }) =>
      section(
        '工作交接报告',
        'Work report',
        report.workReport
          ? Object.entries(report.workReport.sections)
              .map(
                ([name, entries]) =>
                  `<h3>${escapeHtml(name)}</h3>${table(
                    ['事项 Item', '说明 Details'],
                    (entries ?? []).map((e) => [e.title, e.details]),
                  )}`,
              )
              .join('')
          : '<p>—</p>',
      ),
  },
  confirmations: [save, submit, approve, giveBack],
});
