import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeHrTable, withoutKeys } from '#adapters/aws/platform/hrTable.ts';
import { type AccessDenial, hourOf, accessDenialKeys as keys } from '#domain/evidence/accessDenial.ts';
import type { AccessDenialLog } from '#ports/evidence/accessDenialLog.ts';

/** Sort keys start with the hour, so a time range is a key range; the end of `to`'s hour is included. */
const range = (from: string | undefined, to: string | undefined): [string, string] => [
  from ? hourOf(new Date(from)) : '0',
  to ? `${hourOf(new Date(to))}#\uffff` : '\uffff',
];

/**
 * The access-denial log in the Hr table. An attempt is one UpdateItem: the hour's entry is created by
 * the first and counted by the rest, so a flood of attempts is one entry with a large count.
 */
export function makeAccessDenialLog(dynamo: DynamoDBDocumentClient, tableName: string): AccessDenialLog {
  const table = makeHrTable(dynamo, tableName);
  const entryOf = (item: Record<string, unknown>): AccessDenial => {
    const { gsi1pk: _p, gsi1sk: _s, ...entry } = withoutKeys(item);
    return entry as AccessDenial;
  };
  return {
    async record({ at, requestId, ...denial }) {
      const { actor, action, target, hour } = denial;
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: keys.pk(actor), sk: keys.sk(hour, action, target) },
          UpdateExpression:
            'SET #type = :type, gsi1pk = :all, gsi1sk = :allSk, actor = :actor, #action = :action, #target = :target, ' +
            '#hour = :hour, reason = :reason, #status = :status, lastAt = :at, lastRequestId = :request, ' +
            'firstAt = if_not_exists(firstAt, :at), firstRequestId = if_not_exists(firstRequestId, :request)' +
            `${denial.caseId ? ', caseId = :case' : ''} ADD #count :one`,
          ExpressionAttributeNames: {
            '#type': 'type',
            '#action': 'action',
            '#target': 'target',
            '#hour': 'hour',
            '#status': 'status',
            '#count': 'count',
          },
          ExpressionAttributeValues: {
            ':type': 'AccessDenial',
            ':all': keys.allPk,
            ':allSk': keys.allSk(hour, actor, action, target),
            ':actor': actor,
            ':action': action,
            ':target': target,
            ':hour': hour,
            ':reason': denial.reason,
            ':status': denial.status,
            ':at': at,
            ':request': requestId,
            ':one': 1,
            ...(denial.caseId ? { ':case': denial.caseId } : {}),
          },
        }),
      );
    },

    async list(filter, page) {
      const result = await table.page(
        filter.actor
          ? { partition: keys.pk(filter.actor), sortBetween: range(filter.from, filter.to), forward: false }
          : {
              index: 'gsi1',
              partition: keys.allPk,
              sortBetween: range(filter.from, filter.to),
              forward: false,
            },
        page,
      );
      return { ...result, items: result.items.map(entryOf) };
    },
  };
}
