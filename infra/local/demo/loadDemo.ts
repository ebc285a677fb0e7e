import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { knowledgeItem } from '#adapters/aws/customers/index.ts';
import {
  activityOf,
  customerIndexItems,
  customerItem,
  dealHistoryItem,
  dealItem,
  firstDealChange,
  firstKnowledge,
  interactionKeys,
} from '#domain/customers/index.ts';
import { caseKeys } from '#domain/offboarding/index.ts';
import { accountItem, departmentItem, indexItems, profileItem } from '#domain/people/index.ts';
import type { Clock } from '#kernel/clock.ts';
import type { Identity } from '#ports/people/index.ts';
import type { LocalResourceNames } from '../provision.ts';
import { type DemoCompany, demoCompany } from './company.ts';

/** Writes items as they are (BatchWriteItem takes 25, four at a time; unprocessed ones are sent again). */
export async function writeAll(
  dynamo: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
) {
  const starts = Array.from({ length: Math.ceil(items.length / 25) }, (_, n) => n * 25);
  const worker = async () => {
    for (let i = starts.shift(); i !== undefined; i = starts.shift()) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, starts.length) }, worker));
}

/** The local tables that hold at least one item: records, evidence, idempotency, sign-ins or schedules. */
export async function tablesHoldingData(
  dynamo: DynamoDBDocumentClient,
  names: LocalResourceNames,
): Promise<string[]> {
  const all = [...Object.values(names.tables), names.schedulesTable, names.usersTable];
  const held = await Promise.all(
    all.map(async (TableName) => {
      const { Count } = await dynamo.send(new ScanCommand({ TableName, Limit: 1, Select: 'COUNT' }));
      return (Count ?? 0) > 0 ? TableName : undefined;
    }),
  );
  return held.filter((name) => name !== undefined);
}

export type DemoLoad =
  | { loaded: true; company: DemoCompany }
  /** The store already held data, in these tables: nothing was written. */
  | { loaded: false; company: DemoCompany; holding: string[] };

/**
 * Loads the demo company into an empty store: departments, employees with their accounts (the roles
 * they sign in with), customers, and the assets people hold. A store that holds anything is left as
 * it is, so that a restart with `--demo` never puts back what the product has since changed (a leaver
 * active again, her customers back with her).
 */
export async function loadDemoCompany(stack: {
  dynamo: DynamoDBDocumentClient;
  names: LocalResourceNames;
  identity: Identity;
  clock: Clock;
  timeZone: string;
}): Promise<DemoLoad> {
  const { dynamo, names, identity, clock, timeZone } = stack;
  const company = demoCompany();
  const holding = await tablesHoldingData(dynamo, names);
  if (holding.length > 0) return { loaded: false, company, holding };
  const table = names.tables.hr;
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
      // Who knows the customer, as the product keeps it beside every deal and interaction it writes.
      knowledgeItem(
        firstKnowledge(
          c,
          activityOf(
            company.deals.filter((d) => d.customerId === c.id),
            company.interactions.filter((i) => i.customerId === c.id),
            timeZone,
          ),
        ),
      ),
    ]),
    ...company.deals.flatMap((d) => [dealItem(d), dealHistoryItem(firstDealChange(d))]),
    ...company.interactions.map((i) => ({ ...interactionKeys.item(i), type: 'Interaction', ...i })),
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
  return { loaded: true, company };
}
