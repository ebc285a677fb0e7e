import { defineEvent } from '#kernel/events.ts';
import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

export const rolesChanged = defineEvent({
  name: 'RolesChanged',
  version: 1,
  description: "An employee's roles changed: their identity's groups follow",
  detail: z.object({ employeeId: EmployeeId }),
});
