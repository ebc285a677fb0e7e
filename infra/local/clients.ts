import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EmulatorEndpoints } from './emulators/emulators.ts';

export const localRegion = 'us-east-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Clients for the runtime's own work (provisioning, demo data, test inspection), with explicit endpoints. */
export function localClients(endpoints: EmulatorEndpoints) {
  const dynamodb = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: localRegion,
    credentials: localCredentials,
  });
  return {
    dynamodbEndpoint: endpoints.dynamodb,
    dynamodb,
    dynamo: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      endpoint: endpoints.s3,
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
  };
}

export type LocalClients = ReturnType<typeof localClients>;
