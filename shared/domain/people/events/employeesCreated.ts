import { defineEvent } from '#kernel/events.ts';
import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

export const employeesCreated = defineEvent({
  name: 'EmployeesCreated',
  version: 1,
  description: 'New employees whose sign-in identity is still to be made',
  detail: z.object({ employeeIds: z.array(EmployeeId).check(z.minLength(1), z.maxLength(100)) }),
});
