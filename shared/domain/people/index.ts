/** People: employees, departments, accounts and grants (what other areas may use of them). */
export * from './access.ts';
export * from './department.ts';
export * from './employee.ts';
export * from './events/index.ts';
