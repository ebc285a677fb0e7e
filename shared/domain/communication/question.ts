import { EmployeeId, Timestamp } from '#kernel/ids.ts';
import { addDays, localDate, localDateTime, zonedInstant } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';
import { AttachmentInput, NoticeAttachment } from './notice.ts';

/** Q + the UTC time to the second + random hex: Q20261201090000a1b2c3d4. */
export const QuestionId = z
  .string()
  .check(z.regex(/^Q\d{14}[0-9a-f]{8}$/, 'A question id looks like Q20261201090000a1b2c3d4'));
export const questionId = (at: Date, random: string) =>
  `Q${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

export const QuestionCategory = z.enum([
  'pay',
  'leave',
  'benefits',
  'contract',
  'attendance',
  'training',
  'policy',
  'other',
]);

/** open: HR owes an answer; answered: the asker has one; closed: done (the asker may reopen it). */
export const QuestionStatus = z.enum(['open', 'answered', 'closed']);

const text = (max: number) => z.string().check(z.trim(), z.minLength(2), z.maxLength(max));
export const QuestionText = text(5000);

export const NewQuestion = z.strictObject({
  category: QuestionCategory,
  subject: text(200),
  text: QuestionText,
  /** Uploaded first (POST /v1/questions/attachments), as for a notice: a payslip, a screenshot. */
  attachments: z._default(z.array(AttachmentInput).check(z.maxLength(5)), []),
});
export type NewQuestion = z.infer<typeof NewQuestion>;

/**
 * A question to HR, visible to the asker and HR only, with its thread. Its first answer is due
 * within the company's working days; a reminder goes before, an escalation after. Items (table Hr):
 *   pk = QUESTION#<id>  sk = QUESTION   gsi1pk = QUESTIONSOF#<askerId>  gsi1sk = <askedAt>#<id>
 *                                       gsi2pk = QUESTIONS              gsi2sk = <askedAt>#<id>
 *   pk = QUESTION#<id>  sk = MSG#<nnnn>  (the thread)
 * Access patterns: one (GetItem); a person's, newest first (Query gsi1); all (Query gsi2).
 */
export const Question = z.object({
  id: QuestionId,
  askerId: EmployeeId,
  category: QuestionCategory,
  subject: text(200),
  attachments: z._default(z.array(NoticeAttachment).check(z.maxLength(5)), []),
  status: QuestionStatus,
  assigneeId: z.optional(EmployeeId),
  askedAt: Timestamp,
  /** When the first answer is due: the working days of the company's settings after it was asked. */
  firstAnswerDue: Timestamp,
  firstAnsweredAt: z.optional(Timestamp),
  remindedAt: z.optional(Timestamp),
  escalatedAt: z.optional(Timestamp),
  /** The asker's rating of the answers, 1 (poor) to 5 (excellent). */
  rating: z.optional(z.int().check(z.gte(1), z.lte(5))),
  messages: z.int().check(z.gte(1)),
  updatedAt: Timestamp,
  version: z.int().check(z.positive()),
});
export type Question = z.infer<typeof Question>;

export const QuestionMessage = z.object({
  seq: z.int().check(z.positive()),
  from: z.enum(['asker', 'hr']),
  by: EmployeeId,
  at: Timestamp,
  text: QuestionText,
});
export type QuestionMessage = z.infer<typeof QuestionMessage>;

export const questionKeys = {
  item: (id: string) => ({ pk: `QUESTION#${id}`, sk: 'QUESTION' }),
  partition: (id: string) => `QUESTION#${id}`,
  message: (id: string, seq: number) => ({ pk: `QUESTION#${id}`, sk: `MSG#${String(seq).padStart(4, '0')}` }),
  messagePrefix: 'MSG#',
  of: (askerId: string) => `QUESTIONSOF#${askerId}`,
  all: 'QUESTIONS',
  order: (q: Pick<Question, 'askedAt' | 'id'>) => `${q.askedAt}#${q.id}`,
};

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * `days` working days (Monday to Friday, in the zone) after an instant, at the same wall-clock time;
 * something asked on a weekend counts from the start of the next working day.
 */
export function workingDaysAfter(instant: Date, days: number, timeZone: string): Date {
  let date = localDate(instant, timeZone);
  let time = localDateTime(instant, timeZone).slice(11, 16);
  if (isWeekend(date)) {
    while (isWeekend(date)) date = addDays(date, 1);
    time = '00:00';
  }
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (!isWeekend(date)) left--;
  }
  return zonedInstant(date, time, timeZone);
}

/** The reminder goes this long before the first answer is due. */
export const reminderLeadMs = 4 * 3600_000;

export const questionAttachmentKeys = {
  upload: (id: string) => `questions/uploads/${id}`,
  kept: (questionId: string, id: string) => `questions/${questionId}/${id}`,
};

export const questionSchedules = {
  reminder: (id: string) => `question-${id}-reminder`,
  escalation: (id: string) => `question-${id}-escalation`,
};

/** What a deadline schedule hands its target. */
export const QuestionDeadline = z.object({
  questionId: QuestionId,
  step: z.enum(['reminder', 'escalation']),
});
