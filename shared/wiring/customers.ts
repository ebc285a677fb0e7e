import { makeCustomerStore } from '#adapters/aws/customers/customerStore.ts';
import { makeInteractionStore } from '#adapters/aws/customers/interactionStore.ts';
import { makeCustomers } from '#app/customers/customers.ts';
import { makeExportCustomers } from '#app/customers/exportCustomers.ts';
import { makeInteractions } from '#app/customers/interactions.ts';
import { makeTransferCustomers } from '#app/customers/transferCustomers.ts';
import { once } from './once.ts';
import { employeeStore } from './people.ts';
import { clock, csvExports, evidence, table } from './platform.ts';

/** Customers: records with their history, transfers between owners, controlled exports. */
export const customerStore = /* @__PURE__ */ once(() => makeCustomerStore(table()));

const customers = () =>
  makeCustomers({
    customers: customerStore(),
    employees: employeeStore(),
    evidence: evidence(),
    writes: table(),
    clock,
  });

export const interactionStore = /* @__PURE__ */ once(() => makeInteractionStore(table()));

export const customersApi = () => {
  const records = customers();
  return {
    customers: records,
    transfer: makeTransferCustomers({ customers: customerStore(), evidence: evidence(), clock }),
    interactions: makeInteractions({
      customers: records,
      interactions: interactionStore(),
      writes: table(),
      clock,
    }),
  };
};

export const customerExports = () =>
  makeExportCustomers({
    customers: customers(),
    store: customerStore(),
    employees: employeeStore(),
    writeExport: csvExports(),
  });
