import { committing, type Writes } from '#kernel/writes.ts';
import type { AccessStore } from '#ports/people/accessStore.ts';
import type { EmployeeStore } from '#ports/people/employeeStore.ts';
import type { Identity } from '#ports/people/identity.ts';

export interface ProvisionIdentitiesDeps {
  employees: Pick<EmployeeStore, 'getMany'>;
  access: AccessStore;
  identity: Identity;
  writes: Writes;
}

/**
 * Makes (or brings up to date) the sign-in identity of each employee: the user exists, its groups are
 * the account's roles, and a disabled account's user is disabled and signed out. Repeating it changes nothing;
 * `onlyPending` skips identities already made (a repeated import). Returns the ids it could not find.
 */
export const makeProvisionIdentities =
  ({ employees, access, identity, writes }: ProvisionIdentitiesDeps) =>
  async (employeeIds: readonly string[], options: { onlyPending: boolean }): Promise<string[]> => {
    const found = await employees.getMany(employeeIds);
    const missing: string[] = [];
    for (const id of employeeIds) {
      const employee = found.get(id);
      const account = employee ? await access.getAccess(id) : undefined;
      if (!employee || !account) {
        missing.push(id);
        continue;
      }
      if (options.onlyPending && account.identity === 'provisioned') continue;
      await identity.ensureUser({
        employeeId: id,
        email: employee.workEmail,
        name: employee.name,
        groups: account.roles,
      });
      // A disabled account's identity signs in no more, and its sessions end.
      if (account.status === 'disabled' && (await identity.status(id)) === 'enabled') {
        await identity.disable(id);
        await identity.signOutEverywhere(id);
      }
      if (account.identity === 'pending')
        await committing(access.prepareIdentityProvisioned(id), (w) => writes.commit(w));
    }
    return missing;
  };
