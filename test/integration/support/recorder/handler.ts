import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { config } from '#adapters/config.ts';
import { clock } from '#adapters/runtimePorts.ts';

/**
 * A function that only exists in the tests: it records every event it receives (the Hr table,
 * partition TESTCALLS#<function>), fails on request, and answers `{ done: true }`.
 * `failTimes: n` fails the first n deliveries of the same `key`.
 */
export const callsPartition = (functionId: string) => `TESTCALLS#${functionId}`;

export async function handler(event: Record<string, unknown>, context: Context) {
  const table = config('hrTable');
  const pk = callsPartition(context.functionName);
  const detail = (event.detail ?? event) as Record<string, unknown>;
  const key = String(detail.key ?? '');
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  const earlier = Items.filter((i) => i.key === key).length;
  await dynamo.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk,
        sk: `${clock.now().toISOString()}#${randomUUID()}`,
        key,
        event,
        at: clock.now().toISOString(),
      },
    }),
  );
  if (detail.fail === 'always' || earlier < Number(detail.failTimes ?? 0)) {
    throw Object.assign(new Error(`asked to fail (${key})`), { name: 'AskedToFailError' });
  }
  return { done: true, step: detail.step ?? null };
}

/** Reads what a recorder function received, oldest first. */
export async function recordedCalls(
  client: DynamoDBDocumentClient,
  table: string,
  functionId: string,
): Promise<{ key: string; event: Record<string, unknown>; at: string }[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': callsPartition(functionId) },
    }),
  );
  return Items as { key: string; event: Record<string, unknown>; at: string }[];
}
