import * as z from '#kernel/zod.ts';

/**
 * What a background step (an event, a schedule, a daily run) still failed after its retries: which
 * function, with what input, and why. The function that reports failures reads these from the
 * dead-letter queues; locally the runtime hands them over directly.
 */
export const FailedDelivery = z.object({
  /** Manifest id of the function that failed, when the dead letter says. */
  functionId: z.optional(z.string().check(z.maxLength(200))),
  payload: z.unknown(),
  error: z.string(),
  /** The dead letter's id: one report per failure, however often it is delivered. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type FailedDelivery = z.infer<typeof FailedDelivery>;
