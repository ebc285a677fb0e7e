import type { EventBridgeEvent } from 'aws-lambda';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeCognitoIdentity } from '#adapters/aws/people/cognitoIdentity.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { resolvePort } from '#adapters/runtimePorts.ts';
import { makeProvisionIdentities } from '#app/people/provisionIdentities.ts';
import { type EmployeesCreated, hrEvents, type RolesChanged } from '#domain/events.ts';

const table = makeHrTable(dynamo, config('hrTable'));
const provision = makeProvisionIdentities({
  employees: makeEmployeeStore(table),
  access: makeAccessStore(dynamo, config('hrTable')),
  identity: resolvePort('identity', () => makeCognitoIdentity(config('userPoolId'))),
  writes: table,
});

type Event =
  | EventBridgeEvent<typeof hrEvents.employeesCreated, EmployeesCreated>
  | EventBridgeEvent<typeof hrEvents.rolesChanged, RolesChanged>;

/** Sign-in identities follow the accounts: new employees get one, changed roles move its groups. */
export async function handler(event: Event): Promise<void> {
  const created = event['detail-type'] === hrEvents.employeesCreated;
  const ids = created
    ? (event.detail as EmployeesCreated).employeeIds
    : [(event.detail as RolesChanged).employeeId];
  const missing = await provision(ids, { onlyPending: created });
  if (missing.length > 0) logger.warn('No employee or account for some identities', { missing });
}
