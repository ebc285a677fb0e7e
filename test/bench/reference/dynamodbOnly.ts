import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The floor of the bundle benchmark: only the DynamoDB document client, created as our adapters create
 * it, built with the house bundling. Every function that reads the table (all but HttpSystem) has it.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { id: string }) =>
  client.send(new GetCommand({ TableName: 'Hr', Key: { pk: event.id, sk: event.id } }));
