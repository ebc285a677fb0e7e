import type { AccessRecord } from '#domain/access.ts';

/** Reads the live access record (account status, roles, grants) of an employee. */
export interface AccessStore {
  getAccess(employeeId: string): Promise<AccessRecord | undefined>;
}
