import { stageNames } from '#domain/offboarding/resignation.ts';
import { TemplateId, WorkSection } from '#domain/offboarding/template.ts';
import { Permission } from '#domain/permissions.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, CustomerId, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const Reason = z.string().check(z.minLength(3), z.maxLength(500));
const Successors = z.array(EmployeeId).check(
  z.maxLength(10),
  z.refine((ids) => new Set(ids).size === ids.length, 'Each successor once'),
);

export const ResignationInput = z
  .strictObject({
    lastWorkingDay: CalendarDate,
    reason: Reason,
    notes: z.optional(z.string().check(z.maxLength(2000))),
    successorIds: z.optional(Successors),
    overrideNotice: z.optional(
      z.boolean().check(z.describe('HR only: accept a last working day beyond the notice period')),
    ),
    templateId: z.optional(TemplateId.check(z.describe('HR only: the offboarding template to use'))),
  })
  .check(z.meta({ id: 'ResignationInput' }));

export const ResignationChangeInput = z
  .strictObject({
    lastWorkingDay: z.optional(CalendarDate),
    successorIds: z.optional(Successors),
    reason: Reason,
    overrideNotice: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (c) => c.lastWorkingDay !== undefined || c.successorIds !== undefined,
      'Give lastWorkingDay or successorIds',
    ),
    z.meta({ id: 'ResignationChange' }),
  );

const StageView = z
  .object({
    name: z.enum(stageNames),
    dueAt: z.iso.datetime(),
    revokes: z.union([z.array(Permission), z.literal('all')]),
    status: z.enum(['planned', 'scheduled', 'applied', 'cancelled']),
    scheduleName: z.optional(z.string()),
    appliedAt: z.optional(z.iso.datetime()),
    appliedBy: z.optional(z.enum(['schedule', 'sweep', 'completion', 'submission', 'replan'])),
    evidence: z.array(
      z.object({
        seq: z.number(),
        at: z.iso.datetime(),
        action: z.string(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .check(z.meta({ id: 'RevocationStage' }));

const ResignationView = z
  .object({
    id: z.string(),
    employeeId: EmployeeId,
    submittedAt: z.iso.datetime(),
    submittedBy: EmployeeId,
    lastWorkingDay: CalendarDate,
    reason: z.string(),
    notes: z.optional(z.string()),
    successorIds: z.array(EmployeeId),
    templateId: z.optional(z.string()),
    status: z.enum(['open', 'withdrawn', 'completed']),
    version: z.number(),
    stages: z.array(StageView),
    permissionsNow: z.array(Permission),
  })
  .check(z.meta({ id: 'Resignation' }));

const ById = z.object({ id: EmployeeId });
const tag = 'offboarding';

export const submitResignationRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/resignation',
  operationId: 'submitResignation',
  summary: 'Resign (or HR records it): sensitive permissions go at once, the rest by plan',
  tag,
  auth: 'jwt',
  idempotent: true,
  params: ById,
  body: ResignationInput,
  responses: {
    201: {
      description: 'The resignation and its plan',
      body: ResignationView,
      headers: ['ETag', 'Location'],
    },
  },
});

export const getResignationRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/resignation',
  operationId: 'getResignation',
  summary: 'The latest resignation: every stage with its due time, status and the evidence that applied it',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The resignation', body: ResignationView, headers: ['ETag'] } },
});

export const changeResignationRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/employees/{id}/resignation',
  operationId: 'changeResignation',
  summary: 'Move the last working day (HR; every stage is planned again) or name successors (manager or HR)',
  tag,
  auth: 'jwt',
  params: ById,
  body: ResignationChangeInput,
  requiresIfMatch: true,
  responses: { 200: { description: 'The changed resignation', body: ResignationView, headers: ['ETag'] } },
});

export const withdrawResignationRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/resignation/withdraw',
  operationId: 'withdrawResignation',
  summary: 'Withdraw a resignation (HR): future stages are cancelled, revoked permissions stay revoked',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ reason: Reason }),
  responses: { 200: { description: 'The withdrawn resignation', body: ResignationView } },
});

// The handover: cases, confirmations, reports, templates.

export const CaseId = z
  .string()
  .check(z.regex(/^R\d{14}[0-9a-f]{6}$/, 'A case id looks like R20261102010000a1b2c3'));
const ByCase = z.object({ caseId: CaseId });
const Signed = z.object({
  signer: z.string(),
  at: z.iso.datetime(),
  action: z.string(),
  statement: z.record(z.string(), z.unknown()),
  statementSha256: z.string(),
  keyId: z.string(),
  algorithm: z.literal('ECDSA_SHA_256'),
  signature: z.string(),
});
const NodeView = z.object({
  kind: z.enum(['customers', 'work-report', 'assets']),
  confirmedBy: z.string(),
  deadline: z.iso.datetime(),
  remindAt: z.array(z.iso.datetime()),
  status: z.enum(['open', 'closed', 'cancelled']),
  remindersSent: z.array(z.iso.datetime()),
  overdueSince: z.optional(z.iso.datetime()),
  closedAt: z.optional(z.iso.datetime()),
  sections: z.optional(z.array(z.string())),
});
const CaseSummary = z.object({
  id: CaseId,
  employeeId: EmployeeId,
  employeeName: z.string(),
  departmentId: z.string(),
  managerId: z.optional(EmployeeId),
  templateId: z.string(),
  lastWorkingDay: CalendarDate,
  successorIds: z.array(EmployeeId),
  status: z.enum(['open', 'completed', 'cancelled', 'needs_attention']),
  nodes: z.array(NodeView),
  createdAt: z.iso.datetime(),
  completedAt: z.optional(z.iso.datetime()),
  attention: z.optional(z.object({ at: z.iso.datetime(), reason: z.string() })),
  report: z.optional(z.object({ key: z.string(), sha256: z.string(), at: z.iso.datetime() })),
  version: z.number(),
});
const CaseView = z
  .object({
    ...CaseSummary.shape,
    items: z.object({
      customers: z.array(
        z.looseObject({
          id: z.string(),
          snapshot: z.record(z.string(), z.unknown()),
          successorId: z.string(),
          status: z.enum(['pending', 'accepted', 'rejected']),
          sha256: z.string().check(z.describe('Send it back to accept: it says which version you saw')),
          signature: z.optional(Signed),
        }),
      ),
      workReport: z.optional(z.looseObject({ status: z.string(), version: z.number() })),
      assets: z.array(z.looseObject({ id: z.string(), status: z.string() })),
    }),
  })
  .check(z.meta({ id: 'OffboardingCase' }));
const WorkEntry = z.strictObject({
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  details: z.string().check(z.maxLength(4000)),
});

export const listCasesRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding',
  operationId: 'listCases',
  summary: 'Offboarding cases by status (HR): open, overdue, completed, cancelled, needs_attention',
  tag,
  auth: 'jwt',
  query: z.strictObject({
    ...PageQuery.shape,
    status: z._default(z.enum(['open', 'overdue', 'completed', 'cancelled', 'needs_attention']), 'open'),
  }),
  responses: { 200: { description: 'A page of cases, newest first', body: pageOf(CaseSummary) } },
});

export const getCaseRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding/{caseId}',
  operationId: 'getCase',
  summary: 'A case: every node, item, deadline, reminder and signature',
  tag,
  auth: 'jwt',
  params: ByCase,
  responses: { 200: { description: 'The case', body: CaseView } },
});

export const acceptCustomersRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/customers/accept',
  operationId: 'acceptCustomers',
  summary: 'The successor accepts customers, each exactly as shown (its sha256), with one signature',
  tag,
  auth: 'jwt',
  params: ByCase,
  body: z.strictObject({
    items: z
      .array(
        z.strictObject({
          customerId: CustomerId,
          sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'A sha256 in hex')),
        }),
      )
      .check(z.minLength(1), z.maxLength(500)),
  }),
  responses: { 200: { description: 'The case after the acceptance', body: CaseView } },
});

export const rejectCustomerRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/customers/{customerId}/reject',
  operationId: 'rejectCustomer',
  summary: 'The successor declines a customer, with the reason; the manager reassigns it',
  tag,
  auth: 'jwt',
  params: z.object({ caseId: CaseId, customerId: CustomerId }),
  body: z.strictObject({ reason: Reason }),
  responses: { 200: { description: 'The case after the rejection', body: CaseView } },
});

export const reassignCustomersRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/customers/reassign',
  operationId: 'reassignCustomers',
  summary: 'The manager or HR hands customers not yet accepted to another successor',
  tag,
  auth: 'jwt',
  params: ByCase,
  body: z.strictObject({
    customerIds: z.array(CustomerId).check(z.minLength(1), z.maxLength(500)),
    toSuccessorId: EmployeeId,
    reason: Reason,
  }),
  responses: { 200: { description: 'The case after the reassignment', body: CaseView } },
});

export const saveWorkReportRoute = defineRoute({
  method: 'PUT',
  path: '/v1/offboarding/{caseId}/work-report',
  operationId: 'saveWorkReport',
  summary: "The employee writes the work report's sections (If-Match: the report's version)",
  tag,
  auth: 'jwt',
  params: ByCase,
  body: z.strictObject({
    sections: z.partialRecord(WorkSection, z.array(WorkEntry).check(z.maxLength(100))),
  }),
  requiresIfMatch: true,
  responses: { 200: { description: 'The case with the saved report', body: CaseView } },
});

export const submitWorkReportRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/work-report/submit',
  operationId: 'submitWorkReport',
  summary: 'The employee submits the work report to the manager',
  tag,
  auth: 'jwt',
  params: ByCase,
  responses: { 200: { description: 'The case with the submitted report', body: CaseView } },
});

export const approveWorkReportRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/work-report/approve',
  operationId: 'approveWorkReport',
  summary: 'The manager approves the submitted report (signed over its content)',
  tag,
  auth: 'jwt',
  params: ByCase,
  body: z.strictObject({
    comment: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
    sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'A sha256 in hex'))),
  }),
  responses: { 200: { description: 'The case with the approved report', body: CaseView } },
});

export const returnWorkReportRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/work-report/return',
  operationId: 'returnWorkReport',
  summary: 'The manager returns the report with what to change',
  tag,
  auth: 'jwt',
  params: ByCase,
  body: z.strictObject({ comment: z.string().check(z.minLength(3), z.maxLength(2000)) }),
  responses: { 200: { description: 'The case with the returned report', body: CaseView } },
});

export const addAssetRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/assets',
  operationId: 'addCaseAsset',
  summary: 'HR or the admin office adds an asset to take back',
  tag,
  auth: 'jwt',
  params: ByCase,
  body: z.strictObject({
    kind: z.string().check(z.minLength(1), z.maxLength(50)),
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    serial: z.optional(z.string().check(z.maxLength(100))),
  }),
  responses: { 200: { description: 'The case with the asset', body: CaseView } },
});

export const confirmAssetRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/assets/{assetId}/confirm',
  operationId: 'confirmAsset',
  summary: 'The admin office confirms an asset returned, or records it lost or damaged with a cost',
  tag,
  auth: 'jwt',
  params: z.object({
    caseId: CaseId,
    assetId: z.string().check(z.regex(/^A[0-9a-z-]{1,40}$/, 'An asset id like A1b2c3d4')),
  }),
  body: z.strictObject({
    status: z.enum(['returned', 'lost', 'damaged']),
    condition: z.optional(z.string().check(z.maxLength(200))),
    note: z.optional(z.string().check(z.maxLength(1000))),
    costMinor: z.optional(z.int().check(z.nonnegative(), z.lte(1e12))),
  }),
  responses: { 200: { description: 'The case after the confirmation', body: CaseView } },
});

export const getReportRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding/{caseId}/report',
  operationId: 'getHandoverReport',
  summary:
    'The handover report (JSON, or HTML with format=html), checked against its hash in the evidence log',
  tag,
  auth: 'jwt',
  params: ByCase,
  query: z.strictObject({ format: z._default(z.enum(['json', 'html']), 'json') }),
  responses: {
    200: {
      description: 'The report as stored; its sha256 and signature in the headers',
      headers: ['X-Report-Sha256', 'X-Report-Signature', 'X-Report-Key-Id'],
    },
  },
});

export const resumeCaseRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/resume',
  operationId: 'resumeCase',
  summary: 'HR starts the workflow again for a case that needs attention (it continues where it stopped)',
  tag,
  auth: 'jwt',
  params: ByCase,
  responses: { 202: { description: 'A new execution drives the case', body: CaseSummary } },
});

const TemplateBody = z.record(z.string(), z.unknown()).check(z.meta({ id: 'OffboardingTemplateInput' }));
const TemplateView = z.looseObject({ id: z.string(), version: z.number(), builtIn: z.boolean() });

export const listTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding-templates',
  operationId: 'listTemplates',
  summary: 'The offboarding templates in force (the defaults, or HR’s versions of them)',
  tag,
  auth: 'jwt',
  responses: { 200: { description: 'Templates by rank', body: z.object({ items: z.array(TemplateView) }) } },
});

export const putTemplateRoute = defineRoute({
  method: 'PUT',
  path: '/v1/offboarding-templates/{templateId}',
  operationId: 'putTemplate',
  summary: 'HR admins store a template: nodes, deadline offsets, confirmers, reminders, matching',
  tag,
  auth: 'jwt',
  params: z.object({ templateId: TemplateId }),
  body: TemplateBody,
  requiresIfMatch: true,
  responses: { 200: { description: 'The stored template', body: TemplateView, headers: ['ETag'] } },
});

export const recordAssetRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/assets',
  operationId: 'recordAsset',
  summary: 'The admin office records an asset an employee holds (laptop, keys, cards)',
  tag,
  auth: 'jwt',
  params: ById,
  body: addAssetRoute.body,
  responses: {
    201: { description: 'The asset', body: z.object({ id: z.string(), kind: z.string(), name: z.string() }) },
  },
});

export const getSigningKeyRoute = defineRoute({
  method: 'GET',
  path: '/v1/signing-key',
  operationId: 'getSigningKey',
  summary: 'The public key that verifies handover signatures and reports (no authentication)',
  tag,
  auth: 'public',
  responses: {
    200: {
      description: 'ECDSA P-256 public key; signatures are DER over the SHA-256 of the canonical statement',
      body: z
        .object({
          keyId: z.string(),
          algorithm: z.literal('ECDSA_SHA_256'),
          publicKeyPem: z.string(),
        })
        .check(z.meta({ id: 'SigningKey' })),
    },
  },
});

export const handoverRoutes = [
  getSigningKeyRoute,
  listCasesRoute,
  getCaseRoute,
  acceptCustomersRoute,
  rejectCustomerRoute,
  reassignCustomersRoute,
  saveWorkReportRoute,
  submitWorkReportRoute,
  approveWorkReportRoute,
  returnWorkReportRoute,
  addAssetRoute,
  confirmAssetRoute,
  getReportRoute,
  resumeCaseRoute,
  listTemplatesRoute,
  putTemplateRoute,
  recordAssetRoute,
] as const;

export const offboardingRoutes = [
  submitResignationRoute,
  getResignationRoute,
  changeResignationRoute,
  withdrawResignationRoute,
  ...handoverRoutes,
] as const;
