export * from './accessStore.ts';
export * from './cognitoIdentity.ts';
export * from './departmentStore.ts';
export * from './employeeStore.ts';
