import {
  Base64Url,
  FeedbackEpoch,
  FeedbackGroup,
  FeedbackId,
  FeedbackMessage,
  FeedbackStatus,
  FeedbackText,
  FeedbackTopic,
  feedbackTopics,
} from '#domain/communication/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, DepartmentId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const tag = 'feedback';
const ById = z.object({ id: FeedbackId });
const Count = z.int().check(z.gte(0));
const Shown = z.nullable(
  Count.check(z.describe('null: hidden (too few, or it would give a hidden one away)')),
);

/** A finished token travels in a header of its own, `<epoch>.<message>.<signature>` (base64url). */
export const tokenCredential = {
  scheme: 'feedbackToken',
  in: 'header',
  name: 'Feedback-Token',
  description:
    'A blind-signed token (RFC 9474, RSABSSA-SHA384-PSS-Randomized) as `<month>.<prepared message>.<signature>`, base64url: proves a current employee sent it without saying which',
} as const;
export const receiptCredential = {
  scheme: 'feedbackReceipt',
  in: 'header',
  name: 'Feedback-Receipt',
  description: 'The receipt an anonymous item returned: opens its thread, and only that',
} as const;
export const FeedbackTokenHeader = z.pipe(
  z.string().check(z.regex(/^\d{4}-\d{2}\.[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,400}$/), z.maxLength(620)),
  z.transform((value) => {
    const [epoch = '', message = '', signature = ''] = value.split('.');
    return { epoch, message, signature };
  }),
);

const Thread = z
  .object({
    id: FeedbackId,
    day: CalendarDate,
    topic: FeedbackTopic,
    group: z.optional(FeedbackGroup),
    status: FeedbackStatus,
    outcome: z.optional(z.string().check(z.maxLength(2000))),
    messages: z.array(FeedbackMessage).check(z.maxLength(10_000)),
  })
  .check(z.meta({ id: 'FeedbackThread' }));

const HrView = z
  .object({ ...Thread.shape, text: FeedbackText, version: z.int().check(z.positive()) })
  .check(z.meta({ id: 'Feedback' }));

const Credentials = z
  .object({
    epoch: FeedbackEpoch,
    algorithm: z.literal('RSABSSA-SHA384-PSS-Randomized'),
    publicKey: Base64Url(1000).check(z.describe("The month's key, DER SubjectPublicKeyInfo (base64url)")),
    limit: Count,
    issued: Count,
    remaining: Count,
  })
  .check(z.meta({ id: 'FeedbackCredentials' }));

const receiptNote = ' A wrong receipt is 404, as for a thread that does not exist.';

// Signed in: tokens, and HR's side.

export const getFeedbackCredentialsRoute = defineRoute({
  method: 'GET',
  path: '/v1/feedback/credentials',
  operationId: 'getFeedbackCredentials',
  summary: "The month's public key to blind tokens with, and how many the caller may still obtain",
  tag,
  auth: 'jwt',
  responses: { 200: { description: 'The key and the count', body: Credentials } },
});

export const issueFeedbackCredentialsRoute = defineRoute({
  method: 'POST',
  path: '/v1/feedback/credentials',
  operationId: 'issueFeedbackCredentials',
  problems: ['feedback_quota_reached'],
  summary:
    'Blind signatures (RFC 9474) of blinded messages: tokens the server cannot link to their use. Counted per person and month; nothing else is kept',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: z.strictObject({
    blindedMessages: z.array(Base64Url(400)).check(z.minLength(1), z.maxLength(20)),
  }),
  responses: {
    201: {
      description: 'One blind signature per message, in order',
      body: z
        .object({
          epoch: FeedbackEpoch,
          algorithm: z.literal('RSABSSA-SHA384-PSS-Randomized'),
          blindSignatures: z.array(Base64Url(400)).check(z.maxLength(20)),
          remaining: Count,
        })
        .check(z.meta({ id: 'FeedbackBlindSignatures' })),
    },
  },
});

export const listFeedbackRoute = defineRoute({
  method: 'GET',
  path: '/v1/feedback',
  operationId: 'listFeedback',
  summary: 'Anonymous feedback, newest day first (HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject(PageQuery.shape),
  responses: {
    200: {
      description: 'A page',
      body: pageOf(
        z.object({
          id: FeedbackId,
          day: CalendarDate,
          topic: FeedbackTopic,
          text: FeedbackText,
          group: z.optional(FeedbackGroup),
          status: FeedbackStatus,
          outcome: z.optional(z.string().check(z.maxLength(2000))),
          messages: Count,
          version: z.int().check(z.positive()),
        }),
      ),
    },
  },
});

export const feedbackSummaryRoute = defineRoute({
  method: 'GET',
  path: '/v1/feedback/summary',
  operationId: 'getFeedbackSummary',
  summary:
    'Counts by group and topic (HR): a count only for at least 5 items, excerpts only for at least 10, and no hidden count left to find by subtraction',
  tag,
  auth: 'jwt',
  query: z.strictObject({ since: z.optional(CalendarDate) }),
  responses: {
    200: {
      description: 'The summary',
      body: z
        .object({
          thresholds: z.object({ cell: Count, excerpts: Count }),
          topics: z.array(FeedbackTopic).check(z.maxLength(feedbackTopics.length)),
          rows: z
            .array(
              z.object({
                group: z.nullable(FeedbackGroup),
                counts: z.array(Shown).check(z.maxLength(feedbackTopics.length)),
                total: Shown,
                excerpts: z
                  .array(
                    z.object({
                      topic: FeedbackTopic,
                      texts: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(3)),
                    }),
                  )
                  .check(z.maxLength(feedbackTopics.length)),
              }),
            )
            .check(z.maxLength(10_000)),
          totals: z.array(Shown).check(z.maxLength(feedbackTopics.length)),
          total: Shown,
        })
        .check(z.meta({ id: 'FeedbackSummary' })),
    },
  },
});

export const getFeedbackRoute = defineRoute({
  method: 'GET',
  path: '/v1/feedback/{id}',
  operationId: 'getFeedback',
  summary: 'One item with its thread (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The item', body: HrView, headers: ['ETag'] } },
});

export const setFeedbackStatusRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/feedback/{id}',
  operationId: 'setFeedbackStatus',
  summary: 'Mark an item investigating, or resolved with the outcome its author reads in the thread (HR)',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({
    status: FeedbackStatus,
    outcome: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(2000))),
  }),
  requiresIfMatch: true,
  responses: { 200: { description: 'The item', body: HrView, headers: ['ETag'] } },
});

export const replyToFeedbackRoute = defineRoute({
  method: 'POST',
  path: '/v1/feedback/{id}/replies',
  operationId: 'replyToFeedback',
  summary: 'Ask or answer in the thread, under one’s own name (HR); the author reads it by receipt',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ text: FeedbackText }),
  responses: { 201: { description: 'The thread', body: Thread } },
});

// Signed out: the routes of the author, who has no identity here.

export const submitFeedbackRoute = defineRoute({
  method: 'POST',
  path: '/v1/feedback',
  operationId: 'submitFeedback',
  problems: ['feedback_token_invalid', 'feedback_token_spent'],
  summary:
    'Give feedback anonymously, spending one token: no identity is taken, nothing of the request is kept, the day is its only time. Returns the receipt once',
  tag,
  auth: 'public',
  credential: tokenCredential,
  body: z.strictObject({
    topic: FeedbackTopic,
    text: FeedbackText,
    group: z.optional(
      z.strictObject({
        kind: z.enum(['department', 'site']),
        id: z.union([DepartmentId, z.string().check(z.minLength(1), z.maxLength(100))]),
      }),
    ),
  }),
  responses: {
    201: {
      description: 'Received; keep the receipt: it is the only way back to the thread',
      body: z
        .object({
          receipt: Base64Url(100),
          day: CalendarDate,
          group: z.optional(
            FeedbackGroup.check(z.describe('The label kept: the one named, or a larger one')),
          ),
        })
        .check(z.meta({ id: 'FeedbackReceipt' })),
    },
  },
});

export const checkFeedbackRoute = defineRoute({
  method: 'POST',
  path: '/v1/feedback/check',
  operationId: 'checkFeedback',
  problems: ['feedback_token_invalid', 'feedback_token_spent'],
  summary:
    'Before sending: colleagues’ names, employee ids, addresses and phone numbers in a text (with an unspent token; nothing is kept or spent)',
  tag,
  auth: 'public',
  credential: tokenCredential,
  body: z.strictObject({ text: FeedbackText }),
  responses: {
    200: {
      description: 'What could point at someone',
      body: z
        .object({
          findings: z
            .array(
              z.object({
                kind: z.enum(['colleague', 'employeeId', 'email', 'phone']),
                text: z.string().check(z.maxLength(200)),
                start: Count,
              }),
            )
            .check(z.maxLength(5000)),
        })
        .check(z.meta({ id: 'FeedbackCheck' })),
    },
  },
});

export const getFeedbackThreadRoute = defineRoute({
  method: 'GET',
  path: '/v1/feedback/thread',
  operationId: 'getFeedbackThread',
  problems: ['not_found'],
  summary: `The author's thread: HR's questions, the answers, the status and outcome.${receiptNote}`,
  tag,
  auth: 'public',
  credential: receiptCredential,
  responses: { 200: { description: 'The thread', body: Thread } },
});

export const answerFeedbackThreadRoute = defineRoute({
  method: 'POST',
  path: '/v1/feedback/thread',
  operationId: 'answerFeedbackThread',
  problems: ['not_found'],
  summary: `The author answers in the thread, still anonymous.${receiptNote}`,
  tag,
  auth: 'public',
  credential: receiptCredential,
  body: z.strictObject({ text: FeedbackText }),
  responses: { 201: { description: 'The thread', body: Thread } },
});

export const feedbackRoutes = [
  getFeedbackCredentialsRoute,
  issueFeedbackCredentialsRoute,
  listFeedbackRoute,
  feedbackSummaryRoute,
  getFeedbackRoute,
  setFeedbackStatusRoute,
  replyToFeedbackRoute,
] as const;

export const anonymousFeedbackRoutes = [
  submitFeedbackRoute,
  checkFeedbackRoute,
  getFeedbackThreadRoute,
  answerFeedbackThreadRoute,
] as const;
