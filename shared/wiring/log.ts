/** The function's structured logger (Powertools), for handlers that report what they did. */
export { logger } from '#adapters/logger.ts';
