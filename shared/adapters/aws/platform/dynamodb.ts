import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The one DynamoDB client of a function, created at cold start. Locally the SDK reaches DynamoDB
 * Local through AWS_ENDPOINT_URL_DYNAMODB; the code does not know which world it runs in.
 */
export const dynamodbClient = new DynamoDBClient({});

export const dynamo = DynamoDBDocumentClient.from(dynamodbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
