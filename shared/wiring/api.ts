import { logger } from '#adapters/logger.ts';
import type { HttpApiOptions } from '#http/httpApi.ts';
import { authenticate } from './people.ts';
import { idempotency } from './platform.ts';

/** What every API area's function needs around its routes: the log, the live account check, Idempotency-Key. */
export const apiOptions = (): HttpApiOptions => ({ logger, authenticate, idempotency: idempotency() });

export { cursors } from './platform.ts';
