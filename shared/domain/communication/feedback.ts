import { CalendarDate, EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

/**
 * Anonymous feedback. An employee obtains blind-signed tokens (RFC 9474) while signed in, and spends
 * one per item on a route that takes no identity: the server can tell a token is genuine and unspent,
 * never whose it was. Nothing stored with an item names, dates (beyond the day) or traces its author;
 * the author keeps a receipt, a random secret of which only the hash is stored, to read and answer
 * HR's replies. Items (table Hr):
 *   pk = FEEDBACK#<id>             sk = FEEDBACK      gsi1pk = FEEDBACKS  gsi1sk = <day>#<id>
 *   pk = FEEDBACK#<id>             sk = MSG#<nnnn>    (the thread: the author's and HR's messages)
 *   pk = FEEDBACKRECEIPT#<hash>    sk = RECEIPT       (which item a receipt opens)
 *   pk = FEEDBACKTOKEN#<hash>      sk = TOKEN         (a spent token: nothing else)
 *   pk = FEEDBACKISSUE#<month>     sk = EMP#<id>      (how many tokens someone obtained that month)
 * Ids are random, not ordered by time: an id tells nothing of when its item came.
 */
export const FeedbackId = z
  .string()
  .check(z.regex(/^F[0-9a-f]{24}$/, 'A feedback id is F and 24 hex characters'));

export const feedbackTopics = [
  'pay',
  'overtime',
  'workload',
  'management',
  'conduct',
  'safety',
  'training',
  'other',
] as const;
export const FeedbackTopic = z.enum(feedbackTopics);
export type FeedbackTopic = z.infer<typeof FeedbackTopic>;

export const FeedbackStatus = z.enum(['received', 'investigating', 'resolved']);

/** A month's tokens are signed with that month's key: `2026-11`. */
export const FeedbackEpoch = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month like 2026-11'));
export const epochOf = (day: string) => day.slice(0, 7);
/** The month before: a token obtained late in a month may be spent in the next. */
export function previousEpoch(epoch: string): string {
  const [year, month] = epoch.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Base64url without padding, of bounded length. */
export const Base64Url = (max: number) =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, 'base64url without padding'), z.maxLength(max));

/** A group an item may name: a department or a site, only when it has enough people to hide in. */
export const FeedbackGroup = z.object({
  kind: z.enum(['department', 'site']),
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string().check(z.maxLength(200)),
});
export type FeedbackGroup = z.infer<typeof FeedbackGroup>;

/** The fewest people a group label may stand for. */
export const smallestGroup = 5;

export const FeedbackText = z.string().check(z.trim(), z.minLength(3), z.maxLength(5000));

export const Feedback = z.object({
  id: FeedbackId,
  /** The day it came, in the company's zone: no finer time is kept. */
  day: CalendarDate,
  topic: FeedbackTopic,
  text: FeedbackText,
  group: z.optional(FeedbackGroup),
  status: FeedbackStatus,
  outcome: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(2000))),
  messages: z.int().check(z.gte(0)),
  version: z.int().check(z.positive()),
});
export type Feedback = z.infer<typeof Feedback>;

export const FeedbackMessage = z.object({
  seq: z.int().check(z.positive()),
  from: z.enum(['author', 'hr']),
  /** HR answers under their name; the author has none. */
  by: z.optional(EmployeeId),
  day: CalendarDate,
  text: FeedbackText,
});
export type FeedbackMessage = z.infer<typeof FeedbackMessage>;

export const feedbackKeys = {
  item: (id: string) => ({ pk: `FEEDBACK#${id}`, sk: 'FEEDBACK' }),
  all: 'FEEDBACKS',
  message: (id: string, seq: number) => ({ pk: `FEEDBACK#${id}`, sk: `MSG#${String(seq).padStart(4, '0')}` }),
  partition: (id: string) => `FEEDBACK#${id}`,
  messagePrefix: 'MSG#',
  receipt: (hash: string) => ({ pk: `FEEDBACKRECEIPT#${hash}`, sk: 'RECEIPT' }),
  token: (hash: string) => ({ pk: `FEEDBACKTOKEN#${hash}`, sk: 'TOKEN' }),
  issued: (epoch: string, employeeId: string) => ({ pk: `FEEDBACKISSUE#${epoch}`, sk: `EMP#${employeeId}` }),
};

/**
 * The label an author may attach: the group they name if it has at least `smallestGroup` people,
 * else the next larger one (a department's parent; a site has none), else none.
 */
export function coarsenedGroup(
  named: { kind: 'department' | 'site'; id: string },
  sizes: {
    department(id: string): { size: number; name: string; parentId?: string | undefined } | undefined;
    site(id: string): { size: number } | undefined;
  },
): FeedbackGroup | undefined {
  if (named.kind === 'site') {
    const site = sizes.site(named.id);
    return site && site.size >= smallestGroup ? { kind: 'site', id: named.id, name: named.id } : undefined;
  }
  const seen = new Set<string>();
  for (let id: string | undefined = named.id; id && !seen.has(id); ) {
    seen.add(id);
    const department = sizes.department(id);
    if (!department) return undefined;
    if (department.size >= smallestGroup) return { kind: 'department', id, name: department.name };
    id = department.parentId;
  }
  return undefined;
}
