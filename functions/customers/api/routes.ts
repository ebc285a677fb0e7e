import { maxDealsOnCreate, maxTransfer } from '#app/customers/index.ts';
import { Customer, customerFields, EmbeddedDeal, Tier } from '#domain/customers/customer.ts';
import { Deal, DealEdits, DealId, NewDeal } from '#domain/customers/deal.ts';
import { Industry, IndustryLabel } from '#domain/customers/industries.ts';
import { Interaction, NewInteraction } from '#domain/customers/interaction.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CustomerId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { MapKey, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const { ownerId: _owner, ...editable } = customerFields;
export const Reason = z.string().check(z.minLength(3), z.maxLength(500));

export const NewCustomerInput = z
  .strictObject({
    ...customerFields,
    ownerId: z.optional(EmployeeId),
    deals: z.optional(
      z
        .array(EmbeddedDeal)
        .check(
          z.maxLength(maxDealsOnCreate),
          z.describe(
            'Deals the customer brings along: each becomes a deal record (won or lost by the owner on its date)',
          ),
        ),
    ),
  })
  .check(
    z.meta({ id: 'NewCustomer', description: 'ownerId defaults to the caller; HR may name another owner' }),
  );

export const CustomerEditsInput = z
  .strictObject({
    name: z.optional(editable.name),
    industry: z.optional(editable.industry),
    region: z.optional(editable.region),
    tier: z.optional(Tier),
    contacts: z.optional(editable.contacts.def.innerType),
    preferences: z.optional(editable.preferences.def.innerType),
    followUps: z.optional(editable.followUps.def.innerType),
    tags: z.optional(editable.tags.def.innerType),
    reason: z.optional(Reason),
  })
  .check(
    z.refine((edits) => Object.keys(edits).some((k) => k !== 'reason'), 'Nothing to change'),
    z.meta({ id: 'CustomerEdits', description: 'Owners move through transfers, not here' }),
  );

const CustomerView = z
  .object({
    ...Customer.shape,
    industryLabel: IndustryLabel,
    version: z.int().check(z.positive()),
    deletedAt: z.optional(Timestamp),
    deletedBy: z.optional(EmployeeId),
  })
  .check(z.meta({ id: 'Customer' }));
const CustomerSummaryView = z
  .object({
    id: CustomerId,
    name: Customer.shape.name,
    industry: Customer.shape.industry,
    industryLabel: IndustryLabel,
    region: Customer.shape.region,
    tier: Tier,
    ownerId: EmployeeId,
  })
  .check(z.meta({ id: 'CustomerSummary' }));
const CustomerChangeView = z
  .object({
    customerId: CustomerId,
    version: z.int().check(z.positive()),
    actor: upTo(20),
    at: Timestamp,
    reason: z.optional(upTo(500)),
    changes: z.record(MapKey, z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .check(z.meta({ id: 'CustomerChange' }));

/** Filters that combine (each given one must hold); without ownerId, the caller's own unless another is given. */
export const CustomerListFilter = z.object({
  ownerId: z.optional(EmployeeId),
  industry: z.optional(Industry),
  region: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  tier: z.optional(Tier),
});

const ById = z.object({ id: CustomerId });
const tag = 'customers';

export const createCustomerRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers',
  operationId: 'createCustomer',
  refusalsLogged: { action: 'customer.write', target: () => 'customers' },
  problems: ['customer_exists', 'invalid_owner'],
  summary: 'Add a customer (owned by the caller unless HR names another owner)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewCustomerInput,
  responses: { 201: { description: 'Created', body: CustomerView, headers: ['ETag', 'Location'] } },
});

export const listCustomersRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers',
  operationId: 'listCustomers',
  refusalsLogged: { action: 'customer.read', target: () => 'customers' },
  summary:
    "The caller's customers; another owner's (managers, HR); by industry, region or tier (HR); filters combine",
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, ...CustomerListFilter.shape }),
  responses: { 200: { description: 'A page', body: pageOf(CustomerSummaryView) } },
});

export const getCustomerRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/{id}',
  operationId: 'getCustomer',
  refusalsLogged: { action: 'customer.read', target: (path) => `customer:${path.id ?? ''}` },
  summary: 'One customer (404 for anyone who may not see it)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The customer', body: CustomerView, headers: ['ETag'] } },
});

export const updateCustomerRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/customers/{id}',
  operationId: 'updateCustomer',
  refusalsLogged: { action: 'customer.write', target: (path) => `customer:${path.id ?? ''}` },
  problems: ['customer_deleted', 'invalid_owner'],
  summary: 'Change a customer; the history keeps every field before and after',
  tag,
  auth: 'jwt',
  params: ById,
  body: CustomerEditsInput,
  requiresIfMatch: true,
  responses: { 200: { description: 'Changed', body: CustomerView, headers: ['ETag'] } },
});

export const deleteCustomerRoute = defineRoute({
  method: 'DELETE',
  path: '/v1/customers/{id}',
  operationId: 'deleteCustomer',
  refusalsLogged: { action: 'customer.write', target: (path) => `customer:${path.id ?? ''}` },
  summary: 'Delete a customer (soft: HR can restore it)',
  tag,
  auth: 'jwt',
  params: ById,
  query: z.strictObject({ reason: z.optional(Reason) }),
  requiresIfMatch: true,
  responses: { 200: { description: 'Deleted', body: CustomerView } },
});

export const restoreCustomerRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers/{id}/restore',
  operationId: 'restoreCustomer',
  refusalsLogged: { action: 'customer.write', target: (path) => `customer:${path.id ?? ''}` },
  summary: 'Undo a deletion (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ reason: Reason }),
  responses: { 200: { description: 'Restored', body: CustomerView, headers: ['ETag'] } },
});

export const customerHistoryRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/{id}/history',
  operationId: 'getCustomerHistory',
  refusalsLogged: { action: 'customer.read', target: (path) => `customer:${path.id ?? ''}` },
  summary: 'Every change of a customer, newest first',
  tag,
  auth: 'jwt',
  params: ById,
  query: PageQuery,
  responses: { 200: { description: 'A page of changes', body: pageOf(CustomerChangeView) } },
});

export const transferCustomersRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers/transfers',
  operationId: 'transferCustomers',
  refusalsLogged: { action: 'customer.write', target: () => 'customers' },
  problems: ['invalid_owner', 'stale_version'],
  summary: 'Move customers to a new owner (HR); repeating it moves nothing twice',
  tag,
  auth: 'jwt',
  body: z
    .strictObject({
      toOwnerId: EmployeeId,
      reason: Reason,
      customerIds: z.optional(z.array(CustomerId).check(z.minLength(1), z.maxLength(maxTransfer))),
      fromOwnerId: z.optional(EmployeeId),
    })
    .check(
      z.refine(
        (t) => (t.customerIds === undefined) !== (t.fromOwnerId === undefined),
        'Give customerIds or fromOwnerId',
      ),
    ),
  maxBodyBytes: 256 * 1024,
  responses: {
    200: {
      description: 'What moved',
      body: z
        .object({
          moved: z.array(CustomerId).check(z.maxLength(maxTransfer)),
          alreadyThere: z.array(CustomerId).check(z.maxLength(maxTransfer)),
          notFound: z.array(CustomerId).check(z.maxLength(maxTransfer)),
          more: z
            .boolean()
            .check(
              z.describe(
                `With fromOwnerId: the owner has customers left (one request moves ${maxTransfer}); repeat it`,
              ),
            ),
        })
        .check(z.meta({ id: 'TransferResult' })),
    },
  },
});

const InteractionView = Interaction.check(z.meta({ id: 'Interaction' }));

export const recordInteractionRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers/{id}/interactions',
  operationId: 'recordInteraction',
  refusalsLogged: { action: 'customer.write', target: (path) => `customer:${path.id ?? ''}` },
  problems: ['reference_not_found', 'interaction_exists'],
  summary: 'Record a follow-up with a customer: yours, or anyone’s as HR (those who may read it)',
  tag,
  auth: 'jwt',
  idempotent: true,
  params: ById,
  body: NewInteraction.check(z.meta({ id: 'NewInteraction' })),
  responses: { 201: { description: 'Recorded', body: InteractionView } },
});

export const listInteractionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/{id}/interactions',
  operationId: 'listInteractions',
  refusalsLogged: { action: 'customer.read', target: (path) => `customer:${path.id ?? ''}` },
  summary: "A customer's follow-ups, newest first",
  tag,
  auth: 'jwt',
  params: ById,
  query: PageQuery,
  responses: { 200: { description: 'A page of interactions', body: pageOf(InteractionView) } },
});

const DealView = Deal.check(z.meta({ id: 'Deal' }));
const ByDeal = z.object({ id: CustomerId, dealId: DealId });

export const createDealRoute = defineRoute({
  method: 'POST',
  path: '/v1/customers/{id}/deals',
  operationId: 'createDeal',
  refusalsLogged: { action: 'customer.write', target: (path) => `customer:${path.id ?? ''}` },
  problems: ['reference_not_found', 'deal_exists'],
  summary:
    'Record a deal with a customer: open, or won or lost on a day by someone with whose help (owner, HR)',
  tag,
  auth: 'jwt',
  idempotent: true,
  params: ById,
  body: NewDeal.check(z.meta({ id: 'NewDeal' })),
  responses: { 201: { description: 'Recorded', body: DealView, headers: ['ETag', 'Location'] } },
});

export const listDealsRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/{id}/deals',
  operationId: 'listDeals',
  refusalsLogged: { action: 'customer.read', target: (path) => `customer:${path.id ?? ''}` },
  summary: "A customer's deals, newest first",
  tag,
  auth: 'jwt',
  params: ById,
  query: PageQuery,
  responses: { 200: { description: 'A page of deals', body: pageOf(DealView) } },
});

export const getDealRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/{id}/deals/{dealId}',
  operationId: 'getDeal',
  refusalsLogged: { action: 'customer.read', target: (path) => `customer:${path.id ?? ''}` },
  summary: 'One deal',
  tag,
  auth: 'jwt',
  params: ByDeal,
  responses: { 200: { description: 'The deal', body: DealView, headers: ['ETag'] } },
});

export const updateDealRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/customers/{id}/deals/{dealId}',
  operationId: 'updateDeal',
  refusalsLogged: { action: 'customer.write', target: (path) => `customer:${path.id ?? ''}` },
  problems: ['reference_not_found'],
  summary:
    'Change a deal (win it, lose it, reopen it with closedAt and closedBy null); its history keeps each change',
  tag,
  auth: 'jwt',
  params: ByDeal,
  body: DealEdits.check(
    z.refine((edits) => Object.keys(edits).some((k) => k !== 'reason'), 'Nothing to change'),
    z.meta({ id: 'DealEdits' }),
  ),
  requiresIfMatch: true,
  responses: { 200: { description: 'Changed', body: DealView, headers: ['ETag'] } },
});

const DealChangeView = z
  .object({
    customerId: CustomerId,
    dealId: DealId,
    version: z.int().check(z.positive()),
    actor: upTo(40),
    at: Timestamp,
    reason: z.optional(upTo(500)),
    changes: z.record(MapKey, z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .check(z.meta({ id: 'DealChange' }));

export const dealHistoryRoute = defineRoute({
  method: 'GET',
  path: '/v1/customers/{id}/deals/{dealId}/history',
  operationId: 'getDealHistory',
  refusalsLogged: { action: 'customer.read', target: (path) => `customer:${path.id ?? ''}` },
  summary: 'Every change of a deal, newest first',
  tag,
  auth: 'jwt',
  params: ByDeal,
  query: PageQuery,
  responses: { 200: { description: 'A page of changes', body: pageOf(DealChangeView) } },
});

export const customerRoutes = [
  createCustomerRoute,
  listCustomersRoute,
  transferCustomersRoute,
  getCustomerRoute,
  updateCustomerRoute,
  deleteCustomerRoute,
  restoreCustomerRoute,
  customerHistoryRoute,
  recordInteractionRoute,
  listInteractionsRoute,
  createDealRoute,
  listDealsRoute,
  getDealRoute,
  updateDealRoute,
  dealHistoryRoute,
] as const;
