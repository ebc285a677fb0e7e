import type { Role } from '#kernel/principal.ts';

/** A sign-in identity: the Cognito user (locally, a local user) whose user name is the employee id. */
export interface SignInIdentity {
  employeeId: string;
  email: string;
  name: string;
  /** Identity groups are the roles. */
  groups: readonly Role[];
}

export interface Identity {
  /** Creates the user if it is missing and makes its groups exactly these. Safe to repeat. */
  ensureUser(user: SignInIdentity): Promise<void>;
  disable(employeeId: string): Promise<void>;
  /** Whether the user can sign in now. */
  status(employeeId: string): Promise<'enabled' | 'disabled' | 'missing'>;
  /** Ends every session: refresh tokens stop working at once, access tokens at their expiry. */
  signOutEverywhere(employeeId: string): Promise<void>;
  remove(employeeId: string): Promise<void>;
}
