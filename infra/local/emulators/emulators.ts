import { join } from 'node:path';
import { startDynamodbLocal } from './dynamodbLocal.ts';
import { claimPort } from './ports.ts';
import { startS3Emulator } from './s3Emulator.ts';

export interface EmulatorEndpoints {
  dynamodb: string;
  s3: string;
}

export interface Emulators {
  endpoints: EmulatorEndpoints;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Keep data here across restarts; without it everything is in memory (tests). */
  dataDir?: string;
  /** 0 picks any free port. */
  dynamodbPort: number;
  s3Port: number;
}

/** DynamoDB Local (Java) and the S3 emulator, ready to serve. */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const dynamodbPort = await claimPort(options.dynamodbPort, 'DynamoDB Local', 'DYNAMODB_PORT');
  const s3Port = await claimPort(options.s3Port, 'the S3 emulator', 'S3_PORT');
  const started = await Promise.allSettled([
    startDynamodbLocal({
      port: dynamodbPort,
      ...(options.dataDir ? { dbPath: join(options.dataDir, 'dynamodb') } : {}),
    }),
    startS3Emulator({
      port: s3Port,
      ...(options.dataDir ? { storageDir: join(options.dataDir, 's3') } : {}),
    }),
  ]);
  const [dynamodb, s3] = started.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
  if (!dynamodb || !s3) {
    await Promise.all([dynamodb?.stop(), s3?.stop()]);
    throw started.find((r) => r.status === 'rejected')?.reason;
  }
  return {
    endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint },
    stop: async () => {
      await Promise.all([dynamodb.stop(), s3.stop()]);
    },
  };
}
