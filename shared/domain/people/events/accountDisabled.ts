import { defineEvent } from '#kernel/events.ts';
import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

export const accountDisabled = defineEvent({
  name: 'AccountDisabled',
  version: 1,
  description:
    "An employee's account was disabled (HR marked them as left): their identity is disabled and signed out",
  detail: z.object({ employeeId: EmployeeId }),
});
