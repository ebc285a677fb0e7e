import { NoticeAudience } from '#domain/communication/index.ts';
import { CalendarDate, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { Kpi } from './kpi.ts';
import { ReviewTemplate, ReviewTemplateId } from './template.ts';

/** RC + the UTC time to the second + random hex: RC20261201090000a1b2c3d4. */
export const ReviewCycleId = z
  .string()
  .check(z.regex(/^RC\d{14}[0-9a-f]{8}$/, 'A review cycle id looks like RC20261201090000a1b2c3d4'));
export const reviewCycleId = (at: Date, random: string) =>
  `RC${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

export const Relation = z.enum(['self', 'manager', 'peer']);
export type Relation = z.infer<typeof Relation>;

/** The last day each kind of rater may rate, to its end in the company's time zone. */
const RatingDeadlines = z.strictObject({ self: CalendarDate, peer: CalendarDate, manager: CalendarDate });

/** Teammates (the same manager) who rate each other, at most this many, in id order. */
export const peersPerReview = 8;

export const NewReviewCycle = z
  .strictObject({
    name: inBothLanguages(100),
    period: z.strictObject({ start: CalendarDate, end: CalendarDate }),
    /** Each participant is reviewed on the first of these templates that applies to them. */
    templateIds: z.array(ReviewTemplateId).check(z.minLength(1), z.maxLength(10)),
    /** Who is reviewed: people, departments (and those below), roles or everyone, as now. */
    participants: NoticeAudience,
    ratingsDue: RatingDeadlines,
  })
  .check(
    z.superRefine((c, ctx) => {
      if (c.period.end < c.period.start)
        ctx.addIssue({
          code: 'custom',
          message: 'The period ends after it starts',
          path: ['period', 'end'],
          input: c,
        });
      for (const relation of Relation.options)
        if (c.ratingsDue[relation] < c.period.start)
          ctx.addIssue({
            code: 'custom',
            message: 'Ratings are due after the period starts',
            path: ['ratingsDue', relation],
            input: c,
          });
    }),
  );
export type NewReviewCycle = z.infer<typeof NewReviewCycle>;

export const CycleStatus = z.enum(['open', 'computing', 'computed', 'released']);

/** Where a cycle's computation stands: its run, and how the last one ended. */
export const Computation = z.object({
  run: z.int().check(z.positive()),
  requestedBy: EmployeeId,
  requestedAt: Timestamp,
  finishedAt: z.optional(Timestamp),
  failed: z.optional(z.object({ at: Timestamp, reason: upTo(1000) })),
});
export type Computation = z.infer<typeof Computation>;

/**
 * A review cycle: its period, the template versions and KPIs it froze when opened, its deadlines and
 * where it stands. Items (table Hr):
 *   pk = CYCLE#<id>   sk = CYCLE                  gsi1pk = CYCLES  gsi1sk = <period end>#<id>
 *   pk = CYCLE#<id>   sk = PARTICIPANTS#<nnnn>    the frozen participants, 500 to an item
 *   pk = CYCLE#<id>   sk = RATING#<reviewee>#<rater>   one rater's ratings of one participant
 * Access patterns: one (GetItem); all, newest period first (Query gsi1); its participants (Query
 * PARTICIPANTS#); one participant's ratings (Query RATING#<reviewee>#).
 */
export const ReviewCycle = z.object({
  id: ReviewCycleId,
  name: inBothLanguages(100),
  period: z.object({ start: CalendarDate, end: CalendarDate }),
  templates: z.array(ReviewTemplate).check(z.maxLength(10)),
  kpis: z.array(Kpi).check(z.maxLength(300)),
  ratingsDue: RatingDeadlines,
  participants: z.int().check(z.gte(0)),
  status: CycleStatus,
  openedBy: EmployeeId,
  openedAt: Timestamp,
  computation: z.optional(Computation),
  releasedAt: z.optional(Timestamp),
  releasedBy: z.optional(EmployeeId),
  version: z.int().check(z.positive()),
});
export type ReviewCycle = z.infer<typeof ReviewCycle>;

/** A participant as frozen when the cycle opened: who they were, their template and their raters. */
export const Participant = z.object({
  employeeId: EmployeeId,
  name: upTo(100),
  departmentId: DepartmentId,
  position: upTo(100),
  managerId: z.optional(EmployeeId),
  templateId: ReviewTemplateId,
  peers: z.array(EmployeeId).check(z.maxLength(peersPerReview)),
});
export type Participant = z.infer<typeof Participant>;

export const participantChunkSize = 500;

const Score = z.int().check(z.gte(1), z.lte(5));

export const NewRatings = z.strictObject({
  /** Every competency of the reviewee's template, 1–5. */
  competencies: z.record(z.string().check(z.maxLength(40)), Score),
  /** The KPIs of the template that are rated (source review_rating), 1–5. */
  kpis: z._default(z.record(z.string().check(z.maxLength(40)), Score), {}),
  comment: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))),
});
export type NewRatings = z.infer<typeof NewRatings>;

/** One rater's ratings of one participant; a new submission before the deadline replaces it. */
export const Rating = z.object({
  cycleId: ReviewCycleId,
  revieweeId: EmployeeId,
  raterId: EmployeeId,
  relation: Relation,
  competencies: z.record(z.string().check(z.maxLength(40)), Score),
  kpis: z.record(z.string().check(z.maxLength(40)), Score),
  comment: z.optional(z.string().check(z.maxLength(2000))),
  at: Timestamp,
  version: z.int().check(z.positive()),
});
export type Rating = z.infer<typeof Rating>;

export const cycleKeys = {
  item: (id: string) => ({ pk: `CYCLE#${id}`, sk: 'CYCLE' }),
  all: 'CYCLES',
  participants: (id: string, chunk: number) => ({
    pk: `CYCLE#${id}`,
    sk: `PARTICIPANTS#${String(chunk).padStart(4, '0')}`,
  }),
  participantsPrefix: 'PARTICIPANTS#',
  rating: (id: string, revieweeId: string, raterId: string) => ({
    pk: `CYCLE#${id}`,
    sk: `RATING#${revieweeId}#${raterId}`,
  }),
  ratingsOf: (revieweeId: string) => `RATING#${revieweeId}#`,
};

/** Who a rater is to a participant, if anyone: themselves, their manager, or one of their peers. */
export function relationOf(participant: Participant, raterId: string): Relation | undefined {
  if (participant.employeeId === raterId) return 'self';
  if (participant.managerId === raterId) return 'manager';
  if (participant.peers.includes(raterId)) return 'peer';
  return undefined;
}
