import type { Context } from 'aws-lambda';
import { MalformedInputError } from '#kernel/events.ts';

/**
 * A function that takes events, schedules or workflow tasks rather than HTTP requests. The handler
 * parses what arrives with its schema (`readEvent`, `parseArrival`) before it does anything; a
 * refusal is logged with the arrival's id and fields and fails the invocation, so that it is retried,
 * then dead-lettered with an alarm (a workflow task: caught, and the case flagged), having changed
 * nothing. The logger loads for the refusal only: a function that logs nothing else does not pay for it.
 */
export function arrivalHandler<R>(handle: (input: unknown, context: Context) => Promise<R>) {
  return async (input: unknown, context: Context): Promise<R> => {
    try {
      return await handle(input, context);
    } catch (error) {
      if (error instanceof MalformedInputError) {
        const { logger } = await import('#adapters/logger.ts');
        logger.addContext(context);
        logger.error('Refused a malformed input', {
          source: error.source,
          arrivalId: error.id,
          issues: error.issues,
        });
      }
      throw error;
    }
  };
}
