import { CustomerId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

export const InteractionKind = z.enum(['visit', 'call', 'meeting', 'email', 'wecom']);

/** I + the UTC time to the second + random hex: I20261201090000a1b2c3d4. */
export const InteractionId = z
  .string()
  .check(z.regex(/^I\d{14}[0-9a-f]{8}$/, 'An interaction id looks like I20261201090000a1b2c3d4'));
export const interactionId = (at: Date, random: string) =>
  `I${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

/** What someone records of a follow-up with a customer. */
export const NewInteraction = z.strictObject({
  kind: InteractionKind,
  at: z.iso
    .datetime({ offset: true })
    .check(z.maxLength(40), z.describe('When it took place, with any offset: 2026-12-01T10:00+08:00')),
  note: z.string().check(z.minLength(1), z.maxLength(500)),
  /** Who followed up: the caller unless HR names someone. */
  employeeId: z.optional(EmployeeId),
  /** Colleagues who took part too. */
  participants: z._default(z.array(EmployeeId).check(z.maxLength(20)), []),
});
export type NewInteraction = z.infer<typeof NewInteraction>;

/**
 * A follow-up with a customer (a visit, a call, a meeting, an e-mail, a WeCom chat): what makes
 * someone know the customer. Items (table Hr), under the customer:
 *   pk = CUST#<customerId>   sk = INTERACTION#<at>#<id>
 * Access pattern: a customer's interactions, newest first (Query the prefix).
 */
export const Interaction = z.object({
  id: InteractionId,
  customerId: CustomerId,
  employeeId: EmployeeId,
  kind: InteractionKind,
  at: Timestamp,
  note: z.string().check(z.maxLength(500)),
  participants: z.array(EmployeeId).check(z.maxLength(20)),
  recordedBy: EmployeeId,
  recordedAt: Timestamp,
});
export type Interaction = z.infer<typeof Interaction>;

export const interactionKeys = {
  partition: (customerId: string) => `CUST#${customerId}`,
  item: (i: Pick<Interaction, 'customerId' | 'at' | 'id'>) => ({
    pk: interactionKeys.partition(i.customerId),
    sk: `${interactionKeys.prefix}${i.at}#${i.id}`,
  }),
  prefix: 'INTERACTION#',
};
