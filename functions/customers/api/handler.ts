import { maxTransfer } from '#app/customers/index.ts';
import { type CustomerRecord, mayWrite } from '#domain/customers/customer.ts';
import { industries } from '#domain/customers/industries.ts';
import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute, withVisibility } from '#http/route.ts';
import { PermissionDeniedError } from '#kernel/errors.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { customersApi } from '#wiring/customers.ts';
import {
  createCustomerRoute,
  createDealRoute,
  customerHistoryRoute,
  dealHistoryRoute,
  deleteCustomerRoute,
  getCustomerRoute,
  getDealRoute,
  listCustomersRoute,
  listDealsRoute,
  listInteractionsRoute,
  recordInteractionRoute,
  restoreCustomerRoute,
  transferCustomersRoute,
  updateCustomerRoute,
  updateDealRoute,
} from './routes.ts';

const { customers, transfer, interactions, deals } = customersApi();

/** The industry travels as its code, with its name in both languages beside it. */
const labelled = <C extends Pick<CustomerRecord, 'industry'>>(customer: C) => ({
  ...customer,
  industryLabel: industries[customer.industry],
});
const view = ({ createdAt: _c, updatedAt: _u, ...customer }: CustomerRecord) => labelled(customer);
const withEtag = (customer: CustomerRecord, status = 200) => ({
  status,
  body: view(customer),
  headers: { etag: etagOf(customer.version) },
});

export const handler = httpApi(
  [
    ...[
      bindRoute(createCustomerRoute, async ({ principal, body }) => {
        const created = await forBody(() => customers.create(principal, body));
        return {
          ...withEtag(created, 201),
          headers: { etag: etagOf(1), location: `/v1/customers/${created.id}` },
        };
      }),
      bindPagedRoute(listCustomersRoute, cursors, ({ principal, query }, page) => {
        const { limit: _l, cursor: _c, ...filter } = query;
        return customers
          .list(principal, filter, page)
          .then((listed) => ({ ...listed, items: listed.items.map(labelled) }));
      }),
      bindRoute(getCustomerRoute, async ({ principal, params }) =>
        withEtag(await customers.visible(principal, params.id)),
      ),
      bindRoute(updateCustomerRoute, async ({ principal, params, body, expectedVersion }) => {
        const { reason, ...edits } = body;
        return withEtag(
          await forBody(() => customers.update(principal, params.id, edits, expectedVersion, reason)),
        );
      }),
      bindRoute(deleteCustomerRoute, async ({ principal, params, query, expectedVersion }) => ({
        status: 200,
        body: view(await customers.remove(principal, params.id, expectedVersion, query.reason)),
      })),
      bindRoute(restoreCustomerRoute, async ({ principal, params, body }) =>
        withEtag(await customers.restore(principal, params.id, body.reason)),
      ),
      bindPagedRoute(customerHistoryRoute, cursors, ({ principal, params }, page) =>
        customers.history(principal, params.id, page),
      ),
      bindRoute(createDealRoute, async ({ principal, params, body }) => {
        const deal = await forBody(() => deals.create(principal, params.id, body));
        return {
          status: 201,
          body: deal,
          headers: { etag: etagOf(deal.version), location: `/v1/customers/${params.id}/deals/${deal.id}` },
        };
      }),
      bindPagedRoute(listDealsRoute, cursors, ({ principal, params }, page) =>
        deals.list(principal, params.id, page),
      ),
      bindRoute(getDealRoute, async ({ principal, params }) => {
        const deal = await deals.get(principal, params.id, params.dealId);
        return { status: 200, body: deal, headers: { etag: etagOf(deal.version) } };
      }),
      bindRoute(updateDealRoute, async ({ principal, params, body, expectedVersion }) => {
        const deal = await forBody(() =>
          deals.update(principal, params.id, params.dealId, body, expectedVersion),
        );
        return { status: 200, body: deal, headers: { etag: etagOf(deal.version) } };
      }),
      bindPagedRoute(dealHistoryRoute, cursors, ({ principal, params }, page) =>
        deals.history(principal, params.id, params.dealId, page),
      ),
      bindRoute(transferCustomersRoute, async ({ principal, body }) => ({
        status: 200,
        body: await forBody(() => transfer(principal, { ...body, atMost: maxTransfer })),
      })),
    ].map((binding) =>
      // A customer's routes answer 404 to whoever may not see it, whatever else is wrong.
      binding.spec.path.startsWith('/v1/customers/{id}')
        ? withVisibility(binding, async (principal, path) => {
            const customer = await customers.visible(principal, path.id ?? '');
            // A change by someone who may only read it is a 403, whatever is wrong with the change.
            if (binding.spec.method !== 'GET' && !mayWrite(principal, customer))
              throw new PermissionDeniedError('Only the owner (or HR) changes a customer.');
          })
        : binding,
    ),
    // Interactions: whoever may read the customer records theirs (404 to the others, first).
    ...[
      bindRoute(recordInteractionRoute, async ({ principal, params, body }) => ({
        status: 201,
        body: await forBody(() => interactions.record(principal, params.id, body)),
      })),
      bindPagedRoute(listInteractionsRoute, cursors, ({ principal, params }, page) =>
        interactions.list(principal, params.id, page),
      ),
    ].map((binding) =>
      withVisibility(binding, async (principal, path) => {
        await customers.visible(principal, path.id ?? '');
      }),
    ),
  ],
  apiOptions(),
);
