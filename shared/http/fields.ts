import { isDomainError } from '#kernel/errors.ts';

/**
 * Runs a use case on a request body (or query), so that the fields its errors name read as the client
 * sent them: `managerId` becomes `body.managerId`, as schema errors already are.
 */
export async function forBody<T>(work: () => Promise<T>, part: 'body' | 'query' = 'body'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isDomainError(error) ? error.withFieldPrefix(part) : error;
  }
}
