import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/**
 * The access-denial log: refused attempts that HR must see — any refused customer read, write or
 * export by someone who is resigning or has left, and every refused export by anyone. It cannot be
 * flooded: one entry per actor, action and target per hour, counting the attempts.
 *
 * Items (table Hr):
 *   pk = DENIALS#<actor>  sk = <hour>#<action>#<target>   gsi1pk = DENIALS  gsi1sk = <hour>#<actor>#…
 * Access patterns: one actor's, newest first, in a time range (Query pk); everyone's, newest first,
 * in a time range (Query gsi1 DENIALS). An entry is updated in place (the count, the last attempt).
 */
export const AccessDenial = z
  .object({
    actor: EmployeeId,
    /** What was attempted: customer.read, customer.write, customer.export. */
    action: upTo(40),
    /** What it was attempted on, e.g. customer:C00003, or customers for a listing. */
    target: upTo(200),
    /** The problem code of the refusal (not_found, permission_denied, validation_failed…). */
    reason: upTo(64),
    status: z.int().check(z.gte(400), z.lte(499)),
    /** The actor's offboarding case, when they are resigning or have left. */
    caseId: z.optional(upTo(40)),
    /** The hour the attempts fell in (UTC). */
    hour: Timestamp,
    firstAt: Timestamp,
    lastAt: Timestamp,
    count: z.int().check(z.positive()),
    firstRequestId: upTo(128),
    lastRequestId: upTo(128),
  })
  .check(z.meta({ id: 'AccessDenial' }));
export type AccessDenial = z.infer<typeof AccessDenial>;

/** One refused attempt, as the HTTP layer reports it. */
export interface RefusedAttempt {
  actor: string;
  action: string;
  target: string;
  reason: string;
  status: number;
  requestId: string;
}

export const hourOf = (at: Date): string => `${at.toISOString().slice(0, 13)}:00:00.000Z`;

export const accessDenialKeys = {
  pk: (actor: string) => `DENIALS#${actor}`,
  sk: (hour: string, action: string, target: string) => `${hour}#${action}#${target}`,
  allPk: 'DENIALS',
  allSk: (hour: string, actor: string, action: string, target: string) =>
    `${hour}#${actor}#${action}#${target}`,
};
