import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeResignationStore } from '#adapters/aws/offboarding/resignationStore.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeReportReader } from '#app/offboarding/handover/completion.ts';
import { makeHandover } from '#app/offboarding/handover/handover.ts';
import { makeTemplates } from '#app/offboarding/handover/templates.ts';
import { makeManageResignation } from '#app/offboarding/resignations/manageResignation.ts';
import { makeSubmitResignation } from '#app/offboarding/resignations/submitResignation.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { powertoolsIdempotencyGuard } from '#http/powertoolsIdempotency.ts';
import { bindRoute } from '#http/route.ts';
import { offboardingDeps } from '#wiring/offboarding.ts';
import { revocationPolicy } from '#wiring/policy.ts';
import {
  acceptCustomersRoute,
  addAssetRoute,
  approveWorkReportRoute,
  changeResignationRoute,
  confirmAssetRoute,
  getCaseRoute,
  getReportRoute,
  getResignationRoute,
  getSigningKeyRoute,
  listCasesRoute,
  listTemplatesRoute,
  putTemplateRoute,
  reassignCustomersRoute,
  recordAssetRoute,
  rejectCustomerRoute,
  resumeCaseRoute,
  returnWorkReportRoute,
  saveWorkReportRoute,
  submitResignationRoute,
  submitWorkReportRoute,
  withdrawResignationRoute,
} from './routes.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const offboarding = offboardingDeps();
const access = makeAccessStore(dynamo, config('hrTable'));
const deps = {
  employees: makeEmployeeStore(table),
  access,
  resignations: makeResignationStore(table),
  evidence: makeEvidenceLog(dynamo, config('evidenceTable'), clock),
  bus: offboarding.bus,
  clock,
  policy: revocationPolicy(),
};
const submit = makeSubmitResignation(deps);
const manage = makeManageResignation(deps);
const handover = makeHandover(offboarding);
const readReport = makeReportReader(offboarding);
const templates = makeTemplates(offboarding);
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);

export const handler = httpApi(
  [
    bindRoute(submitResignationRoute, async ({ principal, params, body }) => {
      const resignation = await forBody(() => submit(principal, params.id, body));
      return {
        status: 201,
        body: await manage.view(resignation),
        headers: {
          etag: etagOf(resignation.version),
          location: `/v1/employees/${params.id}/resignation`,
        },
      };
    }),
    bindRoute(getResignationRoute, async ({ principal, params }) => {
      const view = await manage.read(principal, params.id);
      return { status: 200, body: view, headers: { etag: etagOf(view.version) } };
    }),
    bindRoute(changeResignationRoute, async ({ principal, params, body, expectedVersion }) => {
      const changed = await forBody(() => manage.change(principal, params.id, body, expectedVersion));
      return { status: 200, body: await manage.view(changed), headers: { etag: etagOf(changed.version) } };
    }),
    bindRoute(withdrawResignationRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await manage.view(await manage.withdraw(principal, params.id, body.reason)),
    })),
    bindRoute(getSigningKeyRoute, async () => {
      const { keyId, pem } = await offboarding.signer.publicKey();
      return {
        status: 200,
        body: { keyId, algorithm: 'ECDSA_SHA_256', publicKeyPem: pem },
        headers: { 'cache-control': 'public, max-age=3600' },
      };
    }),
    bindRoute(listCasesRoute, async ({ principal, query }) => {
      const { limit, cursor, status } = query;
      const scope = `listCases ${principal.employeeId} ${status}`;
      const page = await pageRequest(cursors, { limit, cursor }, scope);
      return {
        status: 200,
        body: await pageResponse(cursors, await handover.list(principal, status, page), scope),
      };
    }),
    bindRoute(getCaseRoute, async ({ principal, params }) => ({
      status: 200,
      body: await handover.read(principal, params.caseId),
    })),
    bindRoute(acceptCustomersRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => handover.acceptCustomers(principal, params.caseId, body.items)),
    })),
    bindRoute(rejectCustomerRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await handover.rejectCustomer(principal, params.caseId, params.customerId, body.reason),
    })),
    bindRoute(reassignCustomersRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => handover.reassignCustomers(principal, params.caseId, body)),
    })),
    bindRoute(saveWorkReportRoute, async ({ principal, params, body, expectedVersion }) => ({
      status: 200,
      body: await forBody(() =>
        handover.saveWorkReport(principal, params.caseId, body.sections, expectedVersion),
      ),
    })),
    bindRoute(submitWorkReportRoute, async ({ principal, params }) => ({
      status: 200,
      body: await handover.submitWorkReport(principal, params.caseId),
    })),
    bindRoute(approveWorkReportRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() =>
        handover.decideWorkReport(principal, params.caseId, { approve: true, ...body }),
      ),
    })),
    bindRoute(returnWorkReportRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() =>
        handover.decideWorkReport(principal, params.caseId, { approve: false, comment: body.comment }),
      ),
    })),
    bindRoute(addAssetRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await handover.addAsset(principal, params.caseId, body),
    })),
    bindRoute(confirmAssetRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => handover.confirmAsset(principal, params.caseId, params.assetId, body)),
    })),
    bindRoute(getReportRoute, async ({ principal, params, query }) => {
      const report = await readReport(principal, params.caseId, query.format);
      return {
        status: 200,
        text: report.bytes.toString('utf8'),
        headers: {
          'content-type':
            query.format === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
          'x-report-sha256': report.sha256,
          'x-report-signature': report.signature,
          'x-report-key-id': report.keyId,
        },
      };
    }),
    bindRoute(resumeCaseRoute, async ({ principal, params }) => ({
      status: 202,
      body: await handover.resume(principal, params.caseId),
    })),
    bindRoute(listTemplatesRoute, async ({ principal }) => ({
      status: 200,
      body: { items: await templates.list(principal) },
    })),
    bindRoute(putTemplateRoute, async ({ principal, params, body, expectedVersion }) => {
      const stored = await forBody(() => templates.put(principal, params.templateId, body, expectedVersion));
      return { status: 200, body: stored, headers: { etag: etagOf(stored.version) } };
    }),
    bindRoute(recordAssetRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await handover.recordAsset(principal, params.id, body),
    })),
  ],
  {
    logger,
    accessStore: access,
    idempotency: powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
  },
);
