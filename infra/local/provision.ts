import {
  type AttributeDefinition,
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type BucketId,
  buckets,
  type TableDefinition,
  type TableId,
  tables,
} from '#infra/data/definitions.ts';

export interface LocalResourceNames {
  tables: Record<TableId, string>;
  buckets: Record<BucketId, string>;
  /** Local only: where the local scheduler keeps its schedules (EventBridge Scheduler's state in AWS). */
  schedulesTable: string;
  /** Local only: the local users that stand in for Cognito's. */
  usersTable: string;
}

const localUsers: TableDefinition = {
  name: 'LocalUsers',
  partitionKey: { name: 'employeeId', type: 'S' },
  globalIndexes: [],
};
const localSchedules: TableDefinition = {
  name: 'LocalSchedules',
  partitionKey: { name: 'name', type: 'S' },
  globalIndexes: [],
};

/**
 * Local names: the logical ones behind a prefix (`local-Hr`, `local-hr-backups`). Test files pass
 * their own prefix, so they share the emulators without sharing data.
 */
export function localResourceNames(prefix = 'local'): LocalResourceNames {
  const lower = prefix.toLowerCase();
  const named = <T extends Record<string, { name: string }>>(defs: T, name: (n: string) => string) =>
    Object.fromEntries(Object.entries(defs).map(([id, d]) => [id, name(d.name)])) as Record<keyof T, string>;
  return {
    tables: named(tables, (n) => `${prefix}-${n}`),
    buckets: named(buckets, (n) => `${lower}-hr-${n}`),
    schedulesTable: `${prefix}-${localSchedules.name}`,
    usersTable: `${prefix}-${localUsers.name}`,
  };
}

export function createTableInput(definition: TableDefinition, tableName: string) {
  const keys = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const attributes = new Map<string, AttributeDefinition>();
  for (const key of keys)
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes.values()],
    KeySchema: [
      { AttributeName: definition.partitionKey.name, KeyType: 'HASH' as const },
      ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(definition.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

/** Creates whatever is missing; running it again on kept data changes nothing. */
export async function provisionLocalResources(
  clients: { dynamodb: DynamoDBClient; s3: S3Client },
  names: LocalResourceNames,
): Promise<void> {
  const all: [string, TableDefinition][] = [
    ...(Object.entries(tables) as [TableId, TableDefinition][]).map(([id, d]): [string, TableDefinition] => [
      names.tables[id],
      d,
    ]),
    [names.schedulesTable, localSchedules],
    [names.usersTable, localUsers],
  ];
  for (const [tableName, definition] of all) {
    try {
      await clients.dynamodb.send(new CreateTableCommand(createTableInput(definition, tableName)));
      if (definition.timeToLiveAttribute) {
        await clients.dynamodb.send(
          new UpdateTimeToLiveCommand({
            TableName: tableName,
            TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  for (const bucket of Object.values(names.buckets)) {
    try {
      await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    }
  }
}
