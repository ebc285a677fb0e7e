import { z } from 'zod';

/** Identifier formats, checked wherever an id enters: path parameters, bodies, imports. */
export const EmployeeId = z.string().regex(/^E\d{4,8}$/, 'An employee id looks like E1001');
export const DepartmentId = z.string().regex(/^D\d{2,6}$/, 'A department id looks like D01');
export const CustomerId = z.string().regex(/^C\d{5,10}$/, 'A customer id looks like C00001');

/** A calendar date, as HR writes it (the company's time zone gives it its hours). */
export const CalendarDate = z.iso.date();
