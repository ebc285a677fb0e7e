/** Customers' use cases: records with history, transfers of ownership, exports. */
export * from './customers.ts';
export * from './exportCustomers.ts';
export * from './transferCustomers.ts';
