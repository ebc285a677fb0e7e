/** Detail types on the `hr` bus, and what each carries. */
export const hrEvents = {
  /** New employees whose sign-in identity is still to be made. */
  employeesCreated: 'EmployeesCreated',
  /** An employee's roles changed: their identity's groups follow. */
  rolesChanged: 'RolesChanged',
  /** Someone resigned: the revocation plan is scheduled, the offboarding case opens. */
  resignationSubmitted: 'ResignationSubmitted',
  /** HR moved the last working day or named successors: the plan's schedules move. */
  resignationChanged: 'ResignationChanged',
  /** The resignation was withdrawn: the future stages' schedules go. */
  resignationWithdrawn: 'ResignationWithdrawn',
  /** Every handover node is closed: the account stage of the revocation applies. */
  offboardingCompleted: 'OffboardingCompleted',
  /** Someone asked for a backup now (the daily one needs no event). */
  backupRequested: 'BackupRequested',
} as const;

export interface ResignationSubmitted {
  employeeId: string;
  resignationId: string;
  lastWorkingDay: string;
}

/** Changed and withdrawn resignations name the resignation the same way. */
export interface ResignationRef {
  employeeId: string;
  resignationId: string;
}

export interface OffboardingCompleted {
  employeeId: string;
  resignationId: string;
}

export interface EmployeesCreated {
  employeeIds: string[];
}

export interface RolesChanged {
  employeeId: string;
}
