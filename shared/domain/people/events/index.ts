import { employeesCreated } from './employeesCreated.ts';
import { rolesChanged } from './rolesChanged.ts';

export { employeesCreated, rolesChanged };
export const peopleEvents = [employeesCreated, rolesChanged] as const;
