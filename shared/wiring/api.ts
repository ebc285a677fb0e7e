import { logger } from '#adapters/logger.ts';
import type { HttpApiOptions } from '#http/httpApi.ts';
import { accessDenials } from './evidence.ts';
import { authenticate, employeeStore } from './people.ts';
import { idempotency } from './platform.ts';

/**
 * What every API area's function needs around its routes: the log, the live account check,
 * Idempotency-Key, and the access-denial log for the refusals its routes report.
 */
export const apiOptions = (): HttpApiOptions => ({
  logger,
  authenticate,
  idempotency: idempotency(),
  refused: (attempt, options) => accessDenials().refused(attempt, options),
  readerLocale: async (employeeId) => (await employeeStore().get(employeeId))?.locale,
});

export { cursors } from './platform.ts';
