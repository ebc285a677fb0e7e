import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerIndexItems, customerItem } from '#domain/customers/index.ts';
import { caseKeys } from '#domain/offboarding/index.ts';
import { accountItem, departmentItem, indexItems, profileItem } from '#domain/people/index.ts';
import type { Clock } from '#kernel/clock.ts';
import type { Identity } from '#ports/people/index.ts';
import { type DemoCompany, demoCompany } from './company.ts';

/** BatchWriteItem takes 25 items; unprocessed ones are sent again. */
async function writeAll(dynamo: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}

/**
 * Loads the demo company into the Hr table: departments, employees with their accounts (the roles
 * they sign in with), customers, and the assets people hold. Loading it again writes the same items again.
 */
export async function loadDemoCompany(
  dynamo: DynamoDBDocumentClient,
  table: string,
  identity: Identity,
  clock: Clock,
): Promise<DemoCompany> {
  const company = demoCompany();
  const meta = { at: clock.now().toISOString(), version: 1 };
  await writeAll(dynamo, table, [
    ...company.departments.map((d) =>
      departmentItem({ ...d, version: 1, createdAt: meta.at, updatedAt: meta.at }),
    ),
    ...company.people.flatMap(({ roles, ...employee }) => [
      profileItem({
        ...employee,
        version: 1,
        createdAt: meta.at,
        updatedAt: meta.at,
        directReports: company.people.filter((p) => p.managerId === employee.id).length,
      }),
      ...indexItems(employee),
      accountItem({ employeeId: employee.id, status: 'enabled', roles, identity: 'provisioned' }, meta),
    ]),
    ...company.customers.flatMap((c) => [
      customerItem({ ...c, version: 1, createdAt: meta.at, updatedAt: meta.at }),
      ...customerIndexItems(c),
    ]),
    ...company.assets.map(({ employeeId, asset }) => ({
      ...caseKeys.asset(employeeId, asset.id),
      type: 'Asset',
      employeeId,
      ...asset,
    })),
  ]);
  for (const person of company.people) {
    await identity.ensureUser({
      employeeId: person.id,
      email: person.workEmail,
      name: person.name,
      groups: person.roles,
    });
  }
  return company;
}
