import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { ConflictError } from '#kernel/errors.ts';
import type { IdempotencyGuard } from './idempotency.ts';
import { HttpError } from './problem.ts';

/** A day covers any client's retry window; records then expire by TTL. */
const recordLifetimeSeconds = 24 * 60 * 60;

/**
 * Idempotency-Key support on Powertools' idempotency utility and its DynamoDB table. The key is
 * scoped to the caller and route; the payload (params and body) must match the first request.
 */
export function powertoolsIdempotencyGuard(client: DynamoDBClient, tableName: string): IdempotencyGuard {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client });
  return {
    async run(request, work) {
      const config = new IdempotencyConfig({
        eventKeyJmesPath: 'key',
        payloadValidationJmesPath: 'payload',
        expiresAfterSeconds: recordLifetimeSeconds,
        throwOnNoIdempotencyKey: true,
      });
      config.registerLambdaContext({ getRemainingTimeInMillis: request.remainingMillis } as Context);
      const once = makeIdempotent(async (_: unknown) => work(), { persistenceStore, config });
      try {
        return (await once({ key: `${request.scope} ${request.key}`, payload: request.payload })) as Awaited<
          ReturnType<typeof work>
        >;
      } catch (error) {
        if (error instanceof IdempotencyAlreadyInProgressError) {
          throw new ConflictError(
            'request_in_progress',
            'A request with this Idempotency-Key is still running.',
          );
        }
        if (error instanceof IdempotencyValidationError) {
          throw new HttpError(
            422,
            'idempotency_key_reused',
            'This Idempotency-Key was used with a different request.',
          );
        }
        throw error;
      }
    },
  };
}
