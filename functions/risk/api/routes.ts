import { EmployeeStatus } from '#domain/people/index.ts';
import { Mentorship, MentorshipId, MentorshipStatus, NewMentorship } from '#domain/risk/mentorship.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, DepartmentId, EmployeeId } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const MentorshipView = Mentorship.check(z.meta({ id: 'Mentorship' }));
const ById = z.object({ id: MentorshipId });
const tag = 'mentorships';

export const startMentorshipRoute = defineRoute({
  method: 'POST',
  path: '/v1/mentorships',
  operationId: 'startMentorship',
  problems: ['reference_not_found', 'mentorship_exists'],
  summary: 'Record that someone mentors someone, since a day, with a goal (HR; recorded as evidence)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewMentorship.check(z.meta({ id: 'NewMentorship' })),
  responses: { 201: { description: 'Started', body: MentorshipView, headers: ['ETag', 'Location'] } },
});

export const listMentorshipsRoute = defineRoute({
  method: 'GET',
  path: '/v1/mentorships',
  operationId: 'listMentorships',
  summary:
    'Mentorships, newest start first: by mentor or mentee (they, their managers and HR), else all (HR); by status',
  tag,
  auth: 'jwt',
  query: z.strictObject({
    ...PageQuery.shape,
    mentorId: z.optional(EmployeeId.check(z.describe('Whom someone mentors'))),
    menteeId: z.optional(EmployeeId.check(z.describe('Who mentors someone'))),
    status: z.optional(MentorshipStatus),
  }),
  responses: { 200: { description: 'A page', body: pageOf(MentorshipView) } },
});

export const getMentorshipRoute = defineRoute({
  method: 'GET',
  path: '/v1/mentorships/{id}',
  operationId: 'getMentorship',
  summary: 'One mentorship',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The mentorship', body: MentorshipView, headers: ['ETag'] } },
});

export const endMentorshipRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/mentorships/{id}',
  operationId: 'endMentorship',
  problems: ['mentorship_ended'],
  summary: 'End a mentorship on a day, with the reason (HR; recorded as evidence)',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ until: CalendarDate, reason: z.string().check(z.minLength(3), z.maxLength(500)) }),
  requiresIfMatch: true,
  responses: { 200: { description: 'Ended', body: MentorshipView, headers: ['ETag'] } },
});

const ReferredPerson = z
  .object({
    id: EmployeeId,
    name: upTo(100),
    nameLatin: z.optional(upTo(100)),
    departmentId: DepartmentId,
    status: EmployeeStatus,
    referrerId: EmployeeId,
    depth: z.int().check(z.gte(1), z.lte(5000)),
  })
  .check(z.meta({ id: 'ReferredPerson' }));

export const getReferralTreeRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/referrals',
  operationId: 'getReferralTree',
  summary: 'Whom someone referred, directly and transitively, breadth first (HR; managers for their line)',
  tag: 'employees',
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  responses: {
    200: {
      description: 'The referral tree below them',
      body: z
        .object({
          rootId: EmployeeId,
          people: z.array(ReferredPerson).check(z.maxLength(5000)),
          truncated: z.boolean().check(z.describe('The tree had more than 5,000 people; the first are here')),
        })
        .check(z.meta({ id: 'ReferralTree' })),
    },
  },
});

export const riskRoutes = [
  startMentorshipRoute,
  listMentorshipsRoute,
  getMentorshipRoute,
  endMentorshipRoute,
  getReferralTreeRoute,
] as const;
