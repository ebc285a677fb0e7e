import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { AccessRecord, accessKeys, accountItem } from '#domain/people/access.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { Role } from '#kernel/principal.ts';
import type { AccessStore } from '#ports/people/accessStore.ts';

const changedMeanwhile = () =>
  new ConflictError('access_changed', 'The access record changed meanwhile; read it again.');

/** One Query per request: the account item and every grant share the employee's partition. */
export function makeAccessStore(dynamo: DynamoDBDocumentClient, tableName: string): AccessStore {
  const accountKey = (employeeId: string) => ({
    pk: accessKeys.partition(employeeId),
    sk: accessKeys.account(),
  });
  /** One attribute of the account, on condition that nobody changed the account since it was read. */
  const setVersioned = (before: AccessRecord, attribute: 'roles' | 'status', value: unknown, at: string) =>
    new ChangeBuilder(tableName)
      .update(
        accountKey(before.employeeId),
        {
          expression: 'SET #attribute = :value, version = version + :one, updatedAt = :at',
          condition: 'version = :expected',
          names: { '#attribute': attribute },
          values: { ':value': value, ':one': 1, ':at': at, ':expected': before.version },
        },
        () => new StaleVersionError(),
      )
      .build();
  /** A new account, enabled, as both a hand-made employee and an imported one get it. */
  const newAccount = (employeeId: string, roles: readonly Role[], at: string) =>
    accountItem({ employeeId, status: 'enabled', roles }, { at, version: 1 });
  const table = makeHrTable(dynamo, tableName);
  return {
    async rolesOf(employeeIds) {
      const accounts = await table.getMany(employeeIds.map(accountKey));
      return new Map(accounts.map((a) => [String(a.employeeId), a.roles as Role[]]));
    },
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
      return AccessRecord.parse({ ...account, employeeId, grants });
    },

    importedAccount(employeeId, roles, at) {
      const [put] = new ChangeBuilder(tableName).put(newAccount(employeeId, roles, at)).build().writes;
      if (!put) throw new Error('An account is one put');
      return put;
    },

    prepareAccount(employeeId, roles, at) {
      return new ChangeBuilder(tableName)
        .put(newAccount(employeeId, roles, at), {
          expression: 'attribute_not_exists(pk)',
          explain: () =>
            new ConflictError('account_exists', `Employee ${employeeId} already has an account.`),
        })
        .build();
    },

    prepareRoles: (before, roles, at) => setVersioned(before, 'roles', [...roles], at),

    prepareGrant(employeeId, grant, previous) {
      return new ChangeBuilder(tableName)
        .put(
          {
            pk: accessKeys.partition(employeeId),
            sk: accessKeys.grant(grant.permission),
            type: 'Grant',
            ...grant,
          },
          previous
            ? {
                expression: 'effect = :previous AND decidedAt = :previousAt',
                values: { ':previous': previous.effect, ':previousAt': previous.decidedAt },
                explain: changedMeanwhile,
              }
            : { expression: 'attribute_not_exists(pk)', explain: changedMeanwhile },
        )
        .build();
    },

    prepareIdentityProvisioned(employeeId) {
      return new ChangeBuilder(tableName)
        .update(
          accountKey(employeeId),
          {
            expression: 'SET #identity = :provisioned',
            condition: 'attribute_exists(pk)',
            names: { '#identity': 'identity' },
            values: { ':provisioned': 'provisioned' },
          },
          changedMeanwhile,
        )
        .build();
    },

    prepareStatus: (before, status, at) => setVersioned(before, 'status', status, at),
  };
}
