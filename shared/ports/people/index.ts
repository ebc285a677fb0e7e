export type * from './accessStore.ts';
export type * from './departmentStore.ts';
export type * from './employeeStore.ts';
export type * from './identity.ts';
