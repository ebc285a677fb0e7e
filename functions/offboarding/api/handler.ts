import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute, pageScope } from '#http/pagination.ts';
import { bindRoute, withVisibility } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { offboardingApi } from '#wiring/offboarding.ts';
import {
  changeResignationRoute,
  confirmationRoutes,
  endAccessRoute,
  getCaseRoute,
  getReportRoute,
  getResignationRoute,
  getSigningKeyRoute,
  getStatementRoute,
  getTemplateRoute,
  listCaseItemsRoute,
  listCasesRoute,
  listTemplatesRoute,
  putTemplateRoute,
  recordAssetRoute,
  resumeCaseRoute,
  submitResignationRoute,
  withdrawResignationRoute,
} from './routes.ts';

const { submit, manage, handover, readReport, templates, recordAsset, signer } = offboardingApi();

type CaseRead = Awaited<ReturnType<typeof handover.read>>;

/**
 * A case, with the ETag its If-Match edits (the work report) take; a node's first page that goes on
 * carries the cursor GET …/items?node= continues from, for this reader.
 */
async function caseResponse(principal: unknown, caseId: string, { body, version, continued }: CaseRead) {
  const items: Record<string, unknown> = { ...body.items };
  for (const { key, node, nextKey } of continued) {
    const scope = pageScope(listCaseItemsRoute, principal, { caseId }, { node });
    const nextCursor = await cursors().encode(nextKey, scope);
    items[key] = { ...(items[key] as object), ...(nextCursor ? { nextCursor } : {}) };
  }
  return {
    status: 200,
    body: { ...body, items },
    ...(version === undefined ? {} : { headers: { etag: etagOf(version) } }),
  };
}

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
    bindRoute(endAccessRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await manage.view(await manage.endAccess(principal, params.id, body.reason)),
    })),
    bindRoute(getSigningKeyRoute, async () => {
      const { keyId, pem } = await signer.publicKey();
      return {
        status: 200,
        body: { keyId, algorithm: 'ECDSA_SHA_256', publicKeyPem: pem },
        headers: { 'cache-control': 'public, max-age=3600' },
      };
    }),
    bindPagedRoute(listCasesRoute, cursors, ({ principal, query }, page) =>
      handover.list(principal, query.status, page),
    ),
    bindRoute(getCaseRoute, async ({ principal, params }) =>
      caseResponse(principal, params.caseId, await handover.read(principal, params.caseId)),
    ),
    bindPagedRoute(listCaseItemsRoute, cursors, ({ principal, params, query }, page) =>
      handover.items(principal, params.caseId, query.node, page),
    ),
    bindRoute(getStatementRoute, async ({ principal, params }) => ({
      status: 200,
      body: await handover.statement(principal, params.caseId, params.sha256),
      headers: { 'cache-control': 'private, max-age=86400, immutable' },
    })),
    // Each node kind's confirmations; their errors name the body's fields as the client sent them.
    ...confirmationRoutes.map(({ kind, confirmation, spec }) =>
      bindRoute(spec, async ({ principal, params, body, expectedVersion }) => {
        const { caseId, ...rest } = params as { caseId: string } & Record<string, string>;
        const confirm = () =>
          handover.confirm(kind, confirmation, principal, caseId, { params: rest, body, expectedVersion });
        return caseResponse(principal, caseId, await (spec.body ? forBody(confirm) : confirm()));
      }),
    ),
    bindRoute(getReportRoute, async ({ principal, params, query }) => {
      await handover.visible(principal, params.caseId);
      const report = await readReport(principal, params.caseId, query.format);
      const integrity = {
        'x-report-sha256': report.sha256,
        'x-report-signature': report.signature,
        'x-report-key-id': report.keyId,
      };
      if ('link' in report)
        return { status: 303, text: '', headers: { location: report.link, ...integrity } };
      return {
        status: 200,
        text: report.bytes.toString('utf8'),
        headers: {
          'content-type':
            query.format === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
          ...integrity,
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
    bindRoute(getTemplateRoute, async ({ principal, params }) => {
      const template = await templates.get(principal, params.templateId);
      return { status: 200, body: template, headers: { etag: etagOf(template.version) } };
    }),
    bindRoute(putTemplateRoute, async ({ principal, params, body, expectedVersion }) => {
      const stored = await forBody(() => templates.put(principal, params.templateId, body, expectedVersion));
      return { status: 200, body: stored, headers: { etag: etagOf(stored.version) } };
    }),
    bindRoute(recordAssetRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await recordAsset(principal, params.id, body),
    })),
  ].map((binding) =>
    // Every route of a case answers 404 to whoever may not read it, whatever else is wrong.
    binding.spec.path.includes('{caseId}')
      ? withVisibility(binding, (principal, path) => {
          // A confirmation also asks who may do it: 403 before whatever is wrong with the input.
          const confirmation = confirmationRoutes.find((r) => r.spec === binding.spec)?.confirmation;
          return confirmation
            ? handover.mayConfirm(confirmation, principal, path.caseId ?? '')
            : handover.visible(principal, path.caseId ?? '');
        })
      : binding,
  ),
  apiOptions(),
);
