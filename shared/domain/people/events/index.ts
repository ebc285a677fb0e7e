import { accountDisabled } from './accountDisabled.ts';
import { employeesCreated } from './employeesCreated.ts';
import { rolesChanged } from './rolesChanged.ts';

export { accountDisabled, employeesCreated, rolesChanged };
export const peopleEvents = [employeesCreated, rolesChanged, accountDisabled] as const;
