/** People's use cases, and the reporting line other areas ask about. */
export * from './createEmployee.ts';
export * from './departments.ts';
export * from './importEmployees.ts';
export * from './listEmployees.ts';
export * from './permissions.ts';
export * from './provisionIdentities.ts';
export * from './readEmployee.ts';
export * from './reportingLine.ts';
export * from './updateEmployee.ts';
