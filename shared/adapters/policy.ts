import { defaultPolicy, type RevocationPolicy } from '#domain/resignation.ts';
import { config } from './config.ts';

/** The company's revocation policy, from the deployment's configuration. */
export function revocationPolicy(): RevocationPolicy & { maxNoticeDays: number } {
  return {
    ...defaultPolicy,
    timeZone: config('companyTimeZone'),
    maxNoticeDays: Number(config('maxNoticeDays')),
    graceDays: Number(config('accountGraceDays')),
    identityRetentionDays: Number(config('identityRetentionDays')),
  };
}
