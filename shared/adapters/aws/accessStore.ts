import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AccessRecord, accessKeys } from '#domain/access.ts';
import type { AccessStore } from '#ports/accessStore.ts';

/** One Query per request: the account item and every grant share the employee's partition. */
export function makeAccessStore(dynamo: DynamoDBDocumentClient, tableName: string): AccessStore {
  return {
    async getAccess(employeeId) {
      const result = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': accessKeys.partition(employeeId),
            ':prefix': accessKeys.prefix,
          },
          ConsistentRead: true,
        }),
      );
      const items = result.Items ?? [];
      const account = items.find((i) => i.sk === accessKeys.account());
      if (!account) return undefined;
      const grants = items.filter((i) => String(i.sk).startsWith(accessKeys.grantPrefix));
      return AccessRecord.parse({ employeeId, status: account.status, roles: account.roles, grants });
    },
  };
}
