import { firstPageSize } from '#app/offboarding/handover/handover.ts';
import { NewAsset } from '#app/offboarding/handover/nodes/assets.ts';
import { nodeKinds } from '#app/offboarding/handover/nodes/index.ts';
import { EvidenceDraft } from '#domain/evidence/index.ts';
import { AssetSnapshot, CaseList, CaseNode, OffboardingCase } from '#domain/offboarding/case.ts';
import { Resignation, Stage, stageNames } from '#domain/offboarding/resignation.ts';
import { OffboardingTemplate } from '#domain/offboarding/template.ts';
import { ResignationId, TemplateId } from '#domain/offboarding/vocabulary.ts';
import { Permission, permissions } from '#domain/permissions.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { MapKey, Sha256Hex, upTo } from '#kernel/text.ts';
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

const { scheduleName: _schedule, ...stageFields } = Stage.shape;
const StageView = z
  .object({
    ...stageFields,
    evidence: z
      .array(
        z.object({
          seq: z.int().check(z.positive()),
          at: Timestamp,
          action: EvidenceDraft.shape.action,
          details: z.record(MapKey, z.unknown()),
        }),
      )
      .check(z.maxLength(10)),
  })
  .check(z.meta({ id: 'RevocationStage' }));

const { stages: _stages, revision: _revision, ...resignationFields } = Resignation.shape;
const ResignationView = z
  .object({
    ...resignationFields,
    stages: z.array(StageView).check(z.maxLength(stageNames.length)),
    permissionsNow: z.array(Permission).check(z.maxLength(permissions.length)),
  })
  .check(z.meta({ id: 'Resignation' }));

const ById = z.object({ id: EmployeeId });
const tag = 'offboarding';

export const submitResignationRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/resignation',
  operationId: 'submitResignation',
  problems: [
    'resignation_open',
    'already_left',
    'invalid_last_working_day',
    'invalid_successor',
    'access_changed',
  ],
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
  problems: ['already_left', 'case_ended', 'invalid_last_working_day', 'invalid_successor', 'access_changed'],
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
  problems: ['already_left', 'access_ended', 'access_changed'],
  summary: 'Withdraw a resignation (HR): future stages are cancelled, revoked permissions stay revoked',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ reason: Reason }),
  responses: { 200: { description: 'The withdrawn resignation', body: ResignationView } },
});

// The handover: cases, the confirmations of each node kind, reports, templates.

const ByCase = z.object({ caseId: ResignationId });
const { taskToken: _token, ...nodeFields } = CaseNode.shape;
const { nodes: _nodes, executionId: _execution, ...caseFields } = OffboardingCase.shape;
const NodeKindView = z.enum(nodeKinds.map((k) => k.kind) as [string, ...string[]]);
const CaseSummary = z.object({
  ...caseFields,
  nodes: z.array(z.object({ ...nodeFields, kind: NodeKindView })).check(z.maxLength(10)),
});
const NextCursor = z.optional(
  upTo(2048).check(z.describe('Pass as ?cursor= to GET …/items?node= for the next page; absent at the end')),
);
/** A node's items in the case: how many of each status, and the first page. */
const NodeItemsView = (item: z.ZodMiniType) =>
  z.object({
    total: z.int().check(z.nonnegative()),
    byStatus: z.record(MapKey, z.int().check(z.nonnegative())),
    items: z.array(item).check(z.maxLength(firstPageSize)),
    nextCursor: NextCursor,
  });
const CaseView = z
  .object({
    ...CaseSummary.shape,
    items: z.object(
      Object.fromEntries(
        nodeKinds.map((kind) => [
          kind.view.key,
          kind.view.single ? z.optional(kind.view.schema()) : NodeItemsView(kind.view.schema()),
        ]),
      ),
    ),
  })
  .check(z.meta({ id: 'OffboardingCase' }));

export const listCasesRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding',
  operationId: 'listCases',
  summary: 'Offboarding cases by status (HR): open, overdue, completed, cancelled, needs_attention',
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, status: z._default(CaseList, 'open') }),
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
  responses: {
    200: {
      description:
        "The case; its ETag is the work report's version, which PUT …/work-report takes in If-Match",
      body: CaseView,
      headers: ['ETag'],
    },
  },
});

export const listCaseItemsRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding/{caseId}/items',
  operationId: 'listCaseItems',
  summary: "A page of one node's items, in id order, as the case shows them (it carries the first page)",
  tag,
  auth: 'jwt',
  params: ByCase,
  query: z.strictObject({ ...PageQuery.shape, node: NodeKindView }),
  responses: {
    200: {
      description: 'A page of items of the node',
      body: pageOf(
        z.union(nodeKinds.map((kind) => kind.view.schema()) as [z.ZodMiniType, ...z.ZodMiniType[]]),
      ),
    },
  },
});

export const getStatementRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding/{caseId}/statements/{sha256}',
  operationId: 'getSignedStatement',
  summary: 'A statement someone signed in the case, by its SHA-256 (the statementSha256 of a signature)',
  tag,
  auth: 'jwt',
  params: z.object({
    ...ByCase.shape,
    sha256: Sha256Hex,
  }),
  responses: {
    200: {
      description:
        'The statement; its canonical JSON hashes to sha256, and the signature verifies with GET /v1/signing-key',
      body: z
        .object({ sha256: Sha256Hex, statement: z.record(MapKey, z.unknown()) })
        .check(z.meta({ id: 'SignedStatement' })),
    },
  },
});

/** Each node kind's confirmations, as routes under the case: accept customers, approve the work report… */
export const confirmationRoutes = nodeKinds.flatMap((kind) =>
  kind.confirmations.map((confirmation) => {
    const { http } = confirmation;
    const input = confirmation.input?.() ?? {};
    return {
      kind: kind.kind,
      confirmation,
      spec: defineRoute({
        method: http.method,
        path: `/v1/offboarding/{caseId}/${http.path}`,
        operationId: http.operationId,
        summary: http.summary,
        tag,
        auth: 'jwt',
        params: z.object({ ...ByCase.shape, ...input.params?.shape }),
        ...(input.body ? { body: input.body } : {}),
        ...(http.requiresIfMatch ? { requiresIfMatch: true } : {}),
        problems: ['node_closed', 'case_ended', ...(http.problems ?? [])],
        responses: { 200: { description: http.response, body: CaseView, headers: ['ETag'] } },
      }),
    };
  }),
);

export const getReportRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding/{caseId}/report',
  operationId: 'getHandoverReport',
  problems: ['report_integrity'],
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
    303: {
      description:
        'A report over 900 KB: Location is a link to it in the bucket for 5 minutes; check it against X-Report-Sha256',
      headers: ['Location', 'X-Report-Sha256', 'X-Report-Signature', 'X-Report-Key-Id'],
    },
  },
});

export const resumeCaseRoute = defineRoute({
  method: 'POST',
  path: '/v1/offboarding/{caseId}/resume',
  operationId: 'resumeCase',
  problems: ['case_ended', 'case_exists'],
  summary: 'HR starts the workflow again for a case that needs attention (it continues where it stopped)',
  tag,
  auth: 'jwt',
  params: ByCase,
  responses: { 202: { description: 'A new execution drives the case', body: CaseSummary } },
});

/** Taken as any object and checked as a whole by the use case, after its permission check. */
const TemplateBody = z.record(MapKey, z.unknown());
const TemplateInput = z
  .strictObject({ ...OffboardingTemplate.shape, id: z.optional(TemplateId) })
  .check(
    z.meta({ id: 'OffboardingTemplateInput', description: 'The id in the path wins over one in the body' }),
  );
const TemplateView = z
  .object({ ...OffboardingTemplate.shape, version: z.int().check(z.gte(0)), builtIn: z.boolean() })
  .check(z.meta({ id: 'OffboardingTemplate' }));

export const listTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding-templates',
  operationId: 'listTemplates',
  summary: 'The offboarding templates in force (the defaults, or HR’s versions of them)',
  tag,
  auth: 'jwt',
  responses: {
    200: {
      description: 'Templates by rank',
      body: z.object({ items: z.array(TemplateView).check(z.maxLength(100)) }),
    },
  },
});

export const getTemplateRoute = defineRoute({
  method: 'GET',
  path: '/v1/offboarding-templates/{templateId}',
  operationId: 'getTemplate',
  summary: 'One template in force, with the ETag its PUT takes (v0 for a default HR has not changed)',
  tag,
  auth: 'jwt',
  params: z.object({ templateId: TemplateId }),
  responses: { 200: { description: 'The template', body: TemplateView, headers: ['ETag'] } },
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
  documentedBody: TemplateInput,
  requiresIfMatch: true,
  responses: { 200: { description: 'The stored template', body: TemplateView, headers: ['ETag'] } },
});

export const recordAssetRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/assets',
  operationId: 'recordAsset',
  problems: ['item_exists', 'already_left', 'case_ended'],
  summary: 'The admin office records an asset an employee holds (laptop, keys, cards)',
  tag,
  auth: 'jwt',
  params: ById,
  body: NewAsset,
  responses: { 201: { description: 'The asset', body: AssetSnapshot } },
});

export const endAccessRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/resignation/end-access',
  operationId: 'endAccessEarly',
  problems: ['already_left', 'access_ended', 'access_changed'],
  summary:
    'HR ends a leaver’s access now, before its planned time (the account stage), with a reason for the evidence',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ reason: Reason }),
  responses: { 200: { description: 'The resignation, its account stage applied', body: ResignationView } },
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
          keyId: upTo(2048),
          algorithm: z.literal('ECDSA_SHA_256'),
          publicKeyPem: upTo(1000),
        })
        .check(z.meta({ id: 'SigningKey' })),
    },
  },
});

export const handoverRoutes = [
  getSigningKeyRoute,
  listCasesRoute,
  getCaseRoute,
  listCaseItemsRoute,
  getStatementRoute,
  ...confirmationRoutes.map((r) => r.spec),
  getReportRoute,
  resumeCaseRoute,
  listTemplatesRoute,
  getTemplateRoute,
  putTemplateRoute,
  recordAssetRoute,
];

export const offboardingRoutes = [
  submitResignationRoute,
  getResignationRoute,
  changeResignationRoute,
  withdrawResignationRoute,
  endAccessRoute,
  ...handoverRoutes,
];
