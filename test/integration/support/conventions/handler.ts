import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { config } from '#adapters/config.ts';
import { clock } from '#adapters/runtimePorts.ts';
import { etagOf } from '#http/etag.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { NotFoundError, requireVersion, StaleVersionError } from '#kernel/errors.ts';
import { apiOptions, cursors as platformCursors } from '#wiring/api.ts';
import { createNote, getNote, listNotes, updateNote } from './routes.ts';

const table = config('hrTable');
const cursors = platformCursors();
const partition = (owner: string) => `TESTNOTES#${owner}`;
const view = (item: Record<string, unknown>) => ({
  id: item.id as string,
  title: item.title as string,
  text: item.text as string,
  version: item.version as number,
});

export const handler = httpApi(
  [
    bindRoute(createNote, async ({ principal, body }) => {
      const id = `N${randomBytes(8).toString('hex')}`;
      const now = clock.now().toISOString();
      const item = {
        pk: partition(principal.employeeId),
        sk: `${now}#${id}`,
        id,
        ...body,
        version: 1,
        createdAt: now,
      };
      await dynamo.send(
        new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      await dynamo.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `TESTNOTE#${id}`, sk: 'POINTER', owner: principal.employeeId, at: item.sk },
        }),
      );
      return { status: 201, body: view(item), headers: { etag: etagOf(1), location: `/test/notes/${id}` } };
    }),
    bindRoute(listNotes, async ({ principal, query }) => {
      const scope = `listNotes ${principal.employeeId}`;
      const page = await dynamo.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition(principal.employeeId) },
          Limit: query.limit,
          ExclusiveStartKey: await cursors.decode(query.cursor, scope),
        }),
      );
      const nextCursor = await cursors.encode(page.LastEvaluatedKey, scope);
      return {
        status: 200,
        body: { items: (page.Items ?? []).map(view), ...(nextCursor ? { nextCursor } : {}) },
      };
    }),
    bindRoute(getNote, async ({ principal, params }) => {
      const item = await load(principal.employeeId, params.id);
      return { status: 200, body: view(item), headers: { etag: etagOf(item.version as number) } };
    }),
    bindRoute(updateNote, async ({ principal, params, body, expectedVersion }) => {
      const item = await load(principal.employeeId, params.id);
      // The precondition after the resource is found (a use case's order: 404, then 428/412).
      requireVersion(item.version as number, expectedVersion);
      const names = Object.keys(body) as (keyof typeof body)[];
      try {
        const { Attributes = {} } = await dynamo.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: `SET ${[...names.map((n) => `#${n} = :${n}`), 'version = version + :one'].join(', ')}`,
            ConditionExpression: 'version = :expected',
            ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
            ExpressionAttributeValues: {
              ...Object.fromEntries(names.map((n) => [`:${n}`, body[n]])),
              ':one': 1,
              ':expected': expectedVersion,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return {
          status: 200,
          body: view(Attributes),
          headers: { etag: etagOf(Attributes.version as number) },
        };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new StaleVersionError();
        throw error;
      }
    }),
  ],
  apiOptions(),
);

async function load(owner: string, id: string) {
  const { Item: pointer } = await dynamo.send(
    new GetCommand({ TableName: table, Key: { pk: `TESTNOTE#${id}`, sk: 'POINTER' } }),
  );
  // Another owner's note does not exist for this caller.
  if (!pointer || pointer.owner !== owner) throw new NotFoundError('The note');
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table, Key: { pk: partition(owner), sk: pointer.at } }),
  );
  if (!Item) throw new NotFoundError('The note');
  return Item;
}
