/** Customers' use cases: records with history, transfers of ownership, exports and imports. */
export * from './customers.ts';
export * from './exportCustomers.ts';
export * from './importCustomers.ts';
export * from './transferCustomers.ts';
