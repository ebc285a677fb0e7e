import { isDomainError } from '#kernel/errors.ts';

/**
 * Runs a use case on a request body, so that the fields its errors name read as the client sent them:
 * `managerId` becomes `body.managerId`, as schema errors already are.
 */
export async function forBody<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isDomainError(error) ? error.withFieldPrefix('body') : error;
  }
}
