import {
  FaqEntry,
  NewFaqEntry,
  NewQuestion,
  Question,
  QuestionId,
  QuestionMessage,
  QuestionText,
} from '#domain/communication/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { AttachmentUploadLink, AttachmentWithLink } from '../attachments.ts';

const tag = 'questions';
const ById = z.object({ id: QuestionId });

const QuestionView = z
  .object({
    ...Question.shape,
    attachments: z.array(AttachmentWithLink).check(z.maxLength(5)),
    thread: z.array(QuestionMessage).check(z.maxLength(10_000)),
  })
  .check(z.meta({ id: 'QuestionWithThread' }));

export const uploadQuestionAttachmentRoute = defineRoute({
  method: 'POST',
  path: '/v1/questions/attachments',
  operationId: 'uploadQuestionAttachment',
  summary:
    'A link to PUT one file (15 minutes) for a question about to be asked; then name its id among its attachments',
  tag,
  auth: 'jwt',
  body: z.strictObject({
    contentType: z._default(
      z.enum(['application/pdf', 'image/png', 'image/jpeg', 'text/plain']),
      'application/pdf',
    ),
  }),
  responses: {
    201: {
      description: 'Where to upload the file',
      body: AttachmentUploadLink,
    },
  },
});

export const askQuestionRoute = defineRoute({
  method: 'POST',
  path: '/v1/questions',
  operationId: 'askQuestion',
  problems: ['attachment_missing'],
  summary:
    'Ask HR (anyone): visible to the asker and HR only; the first answer is due within the configured working days',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewQuestion.check(z.meta({ id: 'NewQuestion' })),
  responses: { 201: { description: 'Asked', body: QuestionView, headers: ['ETag', 'Location'] } },
});

export const listQuestionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/questions',
  operationId: 'listQuestions',
  summary: 'The caller’s questions, newest first; `scope=all`: everyone’s (HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject({ ...PageQuery.shape, scope: z._default(z.enum(['mine', 'all']), 'mine') }),
  responses: { 200: { description: 'A page', body: pageOf(Question.check(z.meta({ id: 'Question' }))) } },
});

export const getQuestionRoute = defineRoute({
  method: 'GET',
  path: '/v1/questions/{id}',
  operationId: 'getQuestion',
  summary: 'One question with its thread (the asker and HR)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The question', body: QuestionView, headers: ['ETag'] } },
});

export const postQuestionMessageRoute = defineRoute({
  method: 'POST',
  path: '/v1/questions/{id}/messages',
  operationId: 'postQuestionMessage',
  summary: 'HR answers (the first answer stops the deadline); the asker replies, which reopens it',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ text: QuestionText }),
  responses: { 201: { description: 'The question', body: QuestionView, headers: ['ETag'] } },
});

export const changeQuestionRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/questions/{id}',
  operationId: 'changeQuestion',
  problems: ['reference_not_found', 'question_unanswered'],
  summary: 'HR assigns it; the asker closes, reopens or rates the answer (1–5); HR may close it',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({
    assigneeId: z.optional(EmployeeId),
    status: z.optional(z.enum(['open', 'closed'])),
    rating: z.optional(z.int().check(z.gte(1), z.lte(5))),
  }),
  requiresIfMatch: true,
  responses: { 200: { description: 'The question', body: QuestionView, headers: ['ETag'] } },
});

const FaqView = FaqEntry.check(z.meta({ id: 'FaqEntry' }));

export const publishFaqRoute = defineRoute({
  method: 'POST',
  path: '/v1/faq',
  operationId: 'publishFaqEntry',
  problems: ['question_unanswered'],
  summary: 'Publish an answered question to the FAQ, in words that name nobody (HR); the asker is not kept',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewFaqEntry.check(z.meta({ id: 'NewFaqEntry' })),
  responses: { 201: { description: 'Published', body: FaqView } },
});

export const searchFaqRoute = defineRoute({
  method: 'GET',
  path: '/v1/faq',
  operationId: 'searchFaq',
  summary: 'The FAQ, newest first; `q` finds every word in either language (everyone)',
  tag,
  auth: 'jwt',
  query: z.strictObject({ q: z.optional(z.string().check(z.maxLength(200))) }),
  responses: {
    200: {
      description: 'The entries',
      body: z.object({ items: z.array(FaqView).check(z.maxLength(10_000)) }),
    },
  },
});

export const questionRoutes = [
  uploadQuestionAttachmentRoute,
  askQuestionRoute,
  listQuestionsRoute,
  getQuestionRoute,
  postQuestionMessageRoute,
  changeQuestionRoute,
  publishFaqRoute,
  searchFaqRoute,
] as const;
