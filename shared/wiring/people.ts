import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeDepartmentStore } from '#adapters/aws/people/departmentStore.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { config } from '#adapters/config.ts';
import { lazyPort } from '#adapters/lazyPort.ts';
import { resolvePort } from '#adapters/runtimePorts.ts';
import { makeCreateEmployee } from '#app/people/createEmployee.ts';
import { makeDepartments } from '#app/people/departments.ts';
import { makeExportEmployees } from '#app/people/exportEmployees.ts';
import { makeListEmployees } from '#app/people/listEmployees.ts';
import { makePermissions } from '#app/people/permissions.ts';
import { makeProvisionIdentities } from '#app/people/provisionIdentities.ts';
import { makeReadEmployee } from '#app/people/readEmployee.ts';
import { makeUpdateEmployee } from '#app/people/updateEmployee.ts';
import { principalFrom } from '#domain/people/access.ts';
import type { Principal } from '#kernel/principal.ts';
import { once } from './once.ts';
import { bus, clock, csvExports, evidence, table } from './platform.ts';

/** People: employees, departments, accounts and grants, sign-in identities. */
export const employeeStore = /* @__PURE__ */ once(() => makeEmployeeStore(table()));
export const departmentStore = /* @__PURE__ */ once(() => makeDepartmentStore(table()));
export const accessStore = /* @__PURE__ */ once(() => makeAccessStore(dynamo, config('hrTable')));

/** The sign-in identities: Cognito (its client loads with the first call), or the local users. */
export const identity = /* @__PURE__ */ once(() =>
  resolvePort('identity', () =>
    lazyPort(async () =>
      (await import('#adapters/aws/people/cognitoIdentity.ts')).makeCognitoIdentity(config('userPoolId')),
    ),
  ),
);

/** Who calls: the live account and grants, read on every authenticated request. */
export async function authenticate(employeeId: string): Promise<Principal> {
  return principalFrom(employeeId, await accessStore().getAccess(employeeId));
}

export function employeesApi() {
  const deps = { employees: employeeStore(), access: accessStore(), evidence: evidence(), bus: bus(), clock };
  return {
    create: makeCreateEmployee(deps),
    read: makeReadEmployee(deps),
    update: makeUpdateEmployee(deps),
    list: makeListEmployees(deps),
    permissions: makePermissions(deps),
  };
}

export const employeeExports = () =>
  makeExportEmployees({
    list: makeListEmployees({ employees: employeeStore() }),
    employees: employeeStore(),
    departments: departmentStore(),
    writeExport: csvExports(),
  });

export const departmentsApi = () =>
  makeDepartments({ departments: departmentStore(), writes: table(), clock });

export const identityProvisioning = () =>
  makeProvisionIdentities({
    employees: employeeStore(),
    access: accessStore(),
    identity: identity(),
    writes: table(),
  });
