import { accountDisabled, employeesCreated, rolesChanged } from '#domain/people/events/index.ts';
import { readEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { logger } from '#wiring/log.ts';
import { identityProvisioning } from '#wiring/people.ts';

const provision = identityProvisioning();

/**
 * Sign-in identities follow the accounts: new employees get one, changed roles move its groups, a
 * disabled account's identity is disabled and signed out.
 */
export const handler = arrivalHandler(async (input) => {
  const event = readEvent(input, [employeesCreated, rolesChanged, accountDisabled]);
  const created = event.name === employeesCreated.name;
  const ids = event.name === employeesCreated.name ? event.detail.employeeIds : [event.detail.employeeId];
  const missing = await provision(ids, { onlyPending: created });
  if (missing.length > 0) logger.warn('No employee or account for some identities', { missing });
});
