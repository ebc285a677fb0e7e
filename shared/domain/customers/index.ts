/** Customers: the company's customer records. */
export * from './customer.ts';
export * from './industries.ts';
export * from './interaction.ts';
