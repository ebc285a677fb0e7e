import { etagOf } from '#http/etag.ts';
import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute, pageRequest, pageResponse, pageScope } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { conversationsApi, feedbackApi, noticesApi, questionsApi } from '#wiring/communication.ts';
import {
  getConversationRoute,
  listConversationsRoute,
  postConversationMessageRoute,
  startConversationRoute,
} from '../conversations/routes.ts';
import {
  feedbackSummaryRoute,
  getFeedbackCredentialsRoute,
  getFeedbackRoute,
  issueFeedbackCredentialsRoute,
  listFeedbackRoute,
  replyToFeedbackRoute,
  setFeedbackStatusRoute,
} from '../feedback/routes.ts';
import {
  askQuestionRoute,
  changeQuestionRoute,
  getQuestionRoute,
  listQuestionsRoute,
  postQuestionMessageRoute,
  publishFaqRoute,
  searchFaqRoute,
  uploadQuestionAttachmentRoute,
} from '../questions/routes.ts';
import {
  acknowledgeNoticeRoute,
  correctNoticeRoute,
  getNoticeRoute,
  listNoticeReceiptsRoute,
  listNoticesRoute,
  publishNoticeRoute,
  uploadNoticeAttachmentRoute,
} from './routes.ts';

const notices = noticesApi();
const feedback = feedbackApi();
const questions = questionsApi();
const conversations = conversationsApi();

export const handler = httpApi(
  [
    bindRoute(uploadNoticeAttachmentRoute, async ({ principal, body }) => ({
      status: 201,
      body: await notices.attachmentUpload(principal, body.contentType),
    })),
    bindRoute(publishNoticeRoute, async ({ principal, body }) => {
      const published = await forBody(() => notices.publish(principal, body));
      const view = await notices.read(principal, published.id);
      return {
        status: 201,
        body: view,
        headers: { etag: etagOf(published.version), location: `/v1/notices/${published.id}` },
      };
    }),
    bindPagedRoute(listNoticesRoute, cursors, ({ principal, query }, page) =>
      notices.list(principal, query.scope, page),
    ),
    bindRoute(getNoticeRoute, async ({ principal, params }) => {
      const view = await notices.read(principal, params.id);
      return { status: 200, body: view, headers: { etag: etagOf(view.version) } };
    }),
    bindRoute(correctNoticeRoute, async ({ principal, params, body, expectedVersion }) => {
      const corrected = await forBody(() => notices.correct(principal, params.id, body, expectedVersion));
      const view = await notices.read(principal, corrected.id);
      return { status: 200, body: view, headers: { etag: etagOf(corrected.version) } };
    }),
    bindRoute(acknowledgeNoticeRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await notices.acknowledge(principal, params.id, body.contentHash),
    })),
    bindRoute(listNoticeReceiptsRoute, async ({ principal, params, query }) => {
      const { limit, cursor, ...filter } = query;
      const scope = pageScope(listNoticeReceiptsRoute, principal, params, filter);
      const codec = cursors();
      const page = await pageRequest(codec, { limit, cursor }, scope);
      const { items, nextKey, ...totals } = await notices.receipts(principal, params.id, filter, page);
      return {
        status: 200,
        body: {
          ...totals,
          ...(await pageResponse(codec, { items, ...(nextKey ? { nextKey } : {}) }, scope)),
        },
      };
    }),
    bindRoute(getFeedbackCredentialsRoute, async ({ principal }) => ({
      status: 200,
      body: await feedback.credentials(principal),
    })),
    bindRoute(issueFeedbackCredentialsRoute, async ({ principal, body }) => ({
      status: 201,
      body: await forBody(() => feedback.issue(principal, body.blindedMessages)),
    })),
    bindPagedRoute(listFeedbackRoute, cursors, ({ principal }, page) => feedback.list(principal, page)),
    bindRoute(feedbackSummaryRoute, async ({ principal, query }) => ({
      status: 200,
      body: await feedback.summary(principal, query.since),
    })),
    bindRoute(getFeedbackRoute, async ({ principal, params }) => {
      const item = await feedback.read(principal, params.id);
      return { status: 200, body: item, headers: { etag: etagOf(item.version) } };
    }),
    bindRoute(setFeedbackStatusRoute, async ({ principal, params, body, expectedVersion }) => {
      const item = await forBody(() => feedback.setStatus(principal, params.id, body, expectedVersion));
      return { status: 200, body: item, headers: { etag: etagOf(item.version) } };
    }),
    bindRoute(replyToFeedbackRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await feedback.reply(principal, params.id, body.text),
    })),
    bindRoute(uploadQuestionAttachmentRoute, async ({ principal, body }) => ({
      status: 201,
      body: await questions.attachmentUpload(principal, body.contentType),
    })),
    bindRoute(askQuestionRoute, async ({ principal, body }) => {
      const asked = await forBody(() => questions.ask(principal, body));
      return {
        status: 201,
        body: asked,
        headers: { etag: etagOf(asked.version), location: `/v1/questions/${asked.id}` },
      };
    }),
    bindPagedRoute(listQuestionsRoute, cursors, ({ principal, query }, page) =>
      questions.list(principal, query.scope, page),
    ),
    bindRoute(getQuestionRoute, async ({ principal, params }) => {
      const question = await questions.read(principal, params.id);
      return { status: 200, body: question, headers: { etag: etagOf(question.version) } };
    }),
    bindRoute(postQuestionMessageRoute, async ({ principal, params, body }) => {
      const question = await questions.post(principal, params.id, body.text);
      return { status: 201, body: question, headers: { etag: etagOf(question.version) } };
    }),
    bindRoute(changeQuestionRoute, async ({ principal, params, body, expectedVersion }) => {
      const question = await forBody(() => questions.change(principal, params.id, body, expectedVersion));
      return { status: 200, body: question, headers: { etag: etagOf(question.version) } };
    }),
    bindRoute(publishFaqRoute, async ({ principal, body }) => ({
      status: 201,
      body: await forBody(() => questions.publishFaq(principal, body)),
    })),
    bindRoute(searchFaqRoute, async ({ query }) => ({
      status: 200,
      body: { items: await questions.faq(query.q) },
    })),
    bindRoute(startConversationRoute, async ({ principal, body }) => {
      const started = await forBody(() => conversations.start(principal, body));
      return { status: 201, body: started, headers: { location: `/v1/conversations/${started.id}` } };
    }),
    bindPagedRoute(listConversationsRoute, cursors, ({ principal, query }, page) =>
      conversations.list(principal, query.scope, page),
    ),
    bindRoute(getConversationRoute, async ({ principal, params }) => ({
      status: 200,
      body: await conversations.read(principal, params.id),
    })),
    bindRoute(postConversationMessageRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await conversations.post(principal, params.id, body.text),
    })),
  ],
  apiOptions(),
);
