import { makeCustomerStore } from '#adapters/aws/customers/customerStore.ts';
import { makeDealStore } from '#adapters/aws/customers/dealStore.ts';
import { makeInteractionStore } from '#adapters/aws/customers/interactionStore.ts';
import { makeKnowledgeStore } from '#adapters/aws/customers/knowledgeStore.ts';
import { makeCustomers } from '#app/customers/customers.ts';
import { makeDeals } from '#app/customers/deals.ts';
import { makeExportCustomers } from '#app/customers/exportCustomers.ts';
import { makeInteractions } from '#app/customers/interactions.ts';
import { makeKnowledgeWriter } from '#app/customers/knowledge.ts';
import { makeMoveEmbeddedDeals } from '#app/customers/moveEmbeddedDeals.ts';
import { makeTransferCustomers } from '#app/customers/transferCustomers.ts';
import { once } from './once.ts';
import { employeeStore } from './people.ts';
import { clock, companyTimeZone, csvExports, evidence, table } from './platform.ts';

/** Customers: records with their history, deals and interactions, who knows them, transfers, exports. */
export const customerStore = /* @__PURE__ */ once(() => makeCustomerStore(table()));
export const dealStore = /* @__PURE__ */ once(() => makeDealStore(table()));
export const interactionStore = /* @__PURE__ */ once(() => makeInteractionStore(table()));
export const knowledgeStore = /* @__PURE__ */ once(() => makeKnowledgeStore(table()));

const customers = () =>
  makeCustomers({
    customers: customerStore(),
    deals: dealStore(),
    employees: employeeStore(),
    evidence: evidence(),
    writes: table(),
    clock,
  });

const knowledgeWriter = () =>
  makeKnowledgeWriter({
    knowledge: knowledgeStore(),
    customers: customerStore(),
    deals: dealStore(),
    interactions: interactionStore(),
    writes: table(),
    timeZone: companyTimeZone(),
  });

export const customersApi = () => {
  const records = customers();
  const knowledge = knowledgeWriter();
  return {
    customers: records,
    transfer: makeTransferCustomers({ customers: customerStore(), evidence: evidence(), clock }),
    interactions: makeInteractions({
      customers: records,
      interactions: interactionStore(),
      knowledge,
      clock,
      timeZone: companyTimeZone(),
    }),
    deals: makeDeals({
      customers: records,
      deals: dealStore(),
      knowledge,
      clock,
      timeZone: companyTimeZone(),
    }),
  };
};

/** The migration that moves deals once embedded in customer records to records of their own. */
export const moveEmbeddedDeals = () =>
  makeMoveEmbeddedDeals({
    customers: customerStore(),
    deals: dealStore(),
    knowledgeRecords: knowledgeStore(),
    knowledge: knowledgeWriter(),
    writes: table(),
    clock,
  });

export const customerExports = () =>
  makeExportCustomers({
    customers: customers(),
    store: customerStore(),
    knowledge: knowledgeStore(),
    employees: employeeStore(),
    writeExport: csvExports(),
  });
