import { config } from '#adapters/config.ts';
import { defaultPolicy, type RevocationPolicy } from '#domain/offboarding/resignation.ts';

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
