import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FailedDelivery } from '#domain/offboarding/failedDelivery.ts';
import * as z from '#kernel/zod.ts';
import { logger } from '#wiring/log.ts';
import { failureReports, functionIdOf } from '#wiring/offboarding.ts';

const report = failureReports();

/** Lambda's on-failure destination record: which function, with what input, and its error. */
const DestinationRecord = z.object({
  requestContext: z.object({ functionArn: z.string(), condition: z.optional(z.string()) }),
  requestPayload: z.unknown(),
  responsePayload: z.optional(z.object({ errorMessage: z.optional(z.string()) })),
});

const idOf = (arn: string | undefined) => (arn ? functionIdOf(arn) : undefined);

/**
 * A dead letter as a failure: an on-failure record of an asynchronous invocation, or what a rule or
 * a schedule could not deliver (its input as the body; target and error as attributes).
 */
function failureOf(record: SQSRecord): FailedDelivery {
  let body: unknown = record.body;
  try {
    body = JSON.parse(record.body);
  } catch {
    // Not JSON: reported as it is.
  }
  const attribute = (name: string) => record.messageAttributes[name]?.stringValue;
  const destination = DestinationRecord.safeParse(body);
  if (destination.success)
    return {
      functionId: idOf(destination.data.requestContext.functionArn),
      payload: destination.data.requestPayload,
      error:
        destination.data.responsePayload?.errorMessage ??
        destination.data.requestContext.condition ??
        'Failed',
      id: record.messageId,
    };
  const target = idOf(attribute('TARGET_ARN'));
  return {
    ...(target ? { functionId: target } : {}),
    payload: body,
    error: attribute('ERROR_MESSAGE') ?? attribute('ErrorMessage') ?? 'Could not be delivered',
    id: record.messageId,
  };
}

/** Reads both dead-letter queues; a record it cannot report stays in its queue for another try. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await report(failureOf(record));
    } catch (error) {
      logger.error('Could not report a failed delivery', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
