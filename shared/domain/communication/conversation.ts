import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

/** CV + the UTC time to the second + random hex: CV20261201090000a1b2c3d4. */
export const ConversationId = z
  .string()
  .check(z.regex(/^CV\d{14}[0-9a-f]{8}$/, 'A conversation id looks like CV20261201090000a1b2c3d4'));
export const conversationId = (at: Date, random: string) =>
  `CV${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const ConversationText = text(5000);

/** requested: an employee asked for a talk and no one in HR has taken it yet. */
export const ConversationStatus = z.enum(['requested', 'open']);

/**
 * A private thread between HR and one employee (the seed's one-to-one chat): HR starts it with
 * someone, or someone asks HR for a talk and the first HR member who answers holds it. The two sides
 * and HR's leads see it, nobody else. Items (table Hr):
 *   pk = CONVERSATION#<id>  sk = CONVERSATION  gsi1pk = CONVERSATIONSOF#<employeeId>  gsi1sk = <startedAt>#<id>
 *                                              gsi2pk = CONVERSATIONSOF#<hrId> | CONVERSATIONREQUESTS
 *   pk = CONVERSATION#<id>  sk = MSG#<nnnn>
 */
export const Conversation = z.object({
  id: ConversationId,
  employeeId: EmployeeId,
  hrId: z.optional(EmployeeId),
  subject: text(200),
  status: ConversationStatus,
  startedBy: EmployeeId,
  startedAt: Timestamp,
  lastMessageAt: Timestamp,
  messages: z.int().check(z.gte(1)),
  version: z.int().check(z.positive()),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationMessage = z.object({
  seq: z.int().check(z.positive()),
  by: EmployeeId,
  at: Timestamp,
  text: ConversationText,
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;

export const conversationKeys = {
  item: (id: string) => ({ pk: `CONVERSATION#${id}`, sk: 'CONVERSATION' }),
  partition: (id: string) => `CONVERSATION#${id}`,
  message: (id: string, seq: number) => ({
    pk: `CONVERSATION#${id}`,
    sk: `MSG#${String(seq).padStart(4, '0')}`,
  }),
  messagePrefix: 'MSG#',
  of: (employeeId: string) => `CONVERSATIONSOF#${employeeId}`,
  requests: 'CONVERSATIONREQUESTS',
  order: (c: Pick<Conversation, 'startedAt' | 'id'>) => `${c.startedAt}#${c.id}`,
};
