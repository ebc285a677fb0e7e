import { CalendarDate, EmployeeId, Timestamp } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

/** M + the UTC time to the second + random hex: M20261201090000a1b2c3d4. */
export const MentorshipId = z
  .string()
  .check(z.regex(/^M\d{14}[0-9a-f]{8}$/, 'A mentorship id looks like M20261201090000a1b2c3d4'));
export const mentorshipId = (at: Date, random: string) =>
  `M${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

export const MentorshipStatus = z.enum(['active', 'ended']);

/** What HR records when someone starts mentoring someone. */
export const NewMentorship = z
  .strictObject({
    mentorId: EmployeeId,
    menteeId: EmployeeId,
    since: CalendarDate,
    goal: z.string().check(z.minLength(3), z.maxLength(500)),
  })
  .check(
    z.refine((m) => m.mentorId !== m.menteeId, {
      message: 'Nobody mentors themselves',
      path: ['menteeId'],
    }),
  );
export type NewMentorship = z.infer<typeof NewMentorship>;

/**
 * Who mentors whom, since when and until when, with a goal: one of the relations a team depends on
 * (the mentoring load of the risk view). Items (table Hr), written together:
 *   pk = MENTORSHIP#<id>      sk = MENTORSHIP                  gsi1pk = MENTORSHIPS  gsi1sk = <since>#<id>
 *   pk = MENTOR#<mentorId>    sk = MENTORSHIP#<since>#<id>     (index item: whom someone mentors)
 *   pk = MENTEE#<menteeId>    sk = MENTORSHIP#<since>#<id>     (index item: who mentors someone)
 * Access patterns: one (GetItem); every one by start (Query gsi1); by mentor; by mentee.
 */
export const Mentorship = z.object({
  id: MentorshipId,
  mentorId: EmployeeId,
  menteeId: EmployeeId,
  since: CalendarDate,
  until: z.optional(CalendarDate),
  goal: z.string().check(z.minLength(3), z.maxLength(500)),
  status: MentorshipStatus,
  endedReason: z.optional(z.string().check(z.minLength(3), z.maxLength(500))),
  createdBy: EmployeeId,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.int().check(z.positive()),
});
export type Mentorship = z.infer<typeof Mentorship>;

const sortKey = (m: Pick<Mentorship, 'since' | 'id'>) => `MENTORSHIP#${m.since}#${m.id}`;

export const mentorshipKeys = {
  item: (id: string) => ({ pk: `MENTORSHIP#${id}`, sk: 'MENTORSHIP' }),
  all: 'MENTORSHIPS',
  byMentor: (mentorId: string) => `MENTOR#${mentorId}`,
  byMentee: (menteeId: string) => `MENTEE#${menteeId}`,
  indexSortPrefix: 'MENTORSHIP#',
};

/** The record and its two index items. */
export function mentorshipItems(m: Mentorship) {
  return [
    {
      ...mentorshipKeys.item(m.id),
      gsi1pk: mentorshipKeys.all,
      gsi1sk: `${m.since}#${m.id}`,
      type: 'Mentorship',
      ...m,
    },
    { pk: mentorshipKeys.byMentor(m.mentorId), sk: sortKey(m), type: 'MentorshipIndex', ...m },
    { pk: mentorshipKeys.byMentee(m.menteeId), sk: sortKey(m), type: 'MentorshipIndex', ...m },
  ];
}
