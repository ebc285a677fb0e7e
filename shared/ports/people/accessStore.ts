import type { AccessRecord, AccountStatus, Grant } from '#domain/people/access.ts';
import type { Role } from '#kernel/principal.ts';
import type { PreparedChange, PreparedWrite } from '#kernel/writes.ts';

/** The live access record (account status, roles, grants) of employees, and changes to it. */
export interface AccessStore {
  getAccess(employeeId: string): Promise<AccessRecord | undefined>;
  /** The roles of each employee who has an account (BatchGetItem, 100 at a time). */
  rolesOf(employeeIds: readonly string[]): Promise<Map<string, readonly Role[]>>;
  /** A new account, enabled, with these roles; its sign-in identity is still to be made. */
  prepareAccount(employeeId: string, roles: readonly Role[], at: string): PreparedChange;
  /** The same account as a put without a condition, for an import (which checked that the employee is new). */
  importedAccount(employeeId: string, roles: readonly Role[], at: string): PreparedWrite;
  /** New roles, on condition that the account is still at `before.version`. */
  prepareRoles(before: AccessRecord, roles: readonly Role[], at: string): PreparedChange;
  /** Records a grant decision, on condition that the previous one is still `previous`. */
  prepareGrant(employeeId: string, grant: Grant, previous: Grant | undefined): PreparedChange;
  prepareIdentityProvisioned(employeeId: string): PreparedChange;
  prepareStatus(before: AccessRecord, status: AccountStatus, at: string): PreparedChange;
}
