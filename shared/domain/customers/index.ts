/** Customers: the company's customer records. */
export * from './customer.ts';
export * from './deal.ts';
export * from './industries.ts';
export * from './interaction.ts';
export * from './knowledge.ts';
