import {
  Conversation,
  ConversationId,
  ConversationMessage,
  ConversationText,
} from '#domain/communication/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { EmployeeId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';

const tag = 'conversations';
const ById = z.object({ id: ConversationId });
const ConversationView = z
  .object({ ...Conversation.shape, thread: z.array(ConversationMessage).check(z.maxLength(10_000)) })
  .check(z.meta({ id: 'ConversationWithThread' }));

export const startConversationRoute = defineRoute({
  method: 'POST',
  path: '/v1/conversations',
  operationId: 'startConversation',
  problems: ['reference_not_found'],
  summary:
    'HR starts a private conversation with someone (`employeeId`); anyone else asks HR for a talk (no `employeeId`)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: z.strictObject({
    employeeId: z.optional(EmployeeId),
    subject: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    text: ConversationText,
  }),
  responses: { 201: { description: 'Started', body: ConversationView, headers: ['Location'] } },
});

export const listConversationsRoute = defineRoute({
  method: 'GET',
  path: '/v1/conversations',
  operationId: 'listConversations',
  summary:
    'The conversations one is a side of, newest first; `scope=requests`: talks asked for that no one holds yet (HR)',
  tag,
  auth: 'jwt',
  query: z.strictObject({
    ...PageQuery.shape,
    scope: z._default(z.enum(['mine', 'held', 'requests']), 'mine'),
  }),
  responses: {
    200: { description: 'A page', body: pageOf(Conversation.check(z.meta({ id: 'Conversation' }))) },
  },
});

export const getConversationRoute = defineRoute({
  method: 'GET',
  path: '/v1/conversations/{id}',
  operationId: 'getConversation',
  summary: 'One conversation with its messages: its two sides and HR leads',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The conversation', body: ConversationView } },
});

export const postConversationMessageRoute = defineRoute({
  method: 'POST',
  path: '/v1/conversations/{id}/messages',
  operationId: 'postConversationMessage',
  summary: 'Write in a conversation (its sides); an HR member answering a request takes it',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ text: ConversationText }),
  responses: { 201: { description: 'The conversation', body: ConversationView } },
});

export const conversationRoutes = [
  startConversationRoute,
  listConversationsRoute,
  getConversationRoute,
  postConversationMessageRoute,
] as const;
