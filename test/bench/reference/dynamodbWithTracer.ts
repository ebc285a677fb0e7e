import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The floor with Powertools Tracer, as a function would use it: the client's calls traced as
 * subsegments. Its start against dynamodbOnly.ts is what Tracer would add to every cold start.
 */
const tracer = new Tracer({ serviceName: 'bench' });
const client = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})));

export const handler = async (event: { id: string }) =>
  client.send(new GetCommand({ TableName: 'Hr', Key: { pk: event.id, sk: event.id } }));
