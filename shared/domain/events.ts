/** Detail types on the `hr` bus, and what each carries. */
export const hrEvents = {
  /** New employees whose sign-in identity is still to be made. */
  employeesCreated: 'EmployeesCreated',
  /** An employee's roles changed: their identity's groups follow. */
  rolesChanged: 'RolesChanged',
} as const;

export interface EmployeesCreated {
  employeeIds: string[];
}

export interface RolesChanged {
  employeeId: string;
}
