import { httpApi } from '#http/httpApi.ts';
import { bindRoute } from '#http/route.ts';
import { anonymousApiOptions, anonymousFeedback } from '#wiring/communication.ts';
import {
  answerFeedbackThreadRoute,
  checkFeedbackRoute,
  FeedbackTokenHeader,
  getFeedbackThreadRoute,
  submitFeedbackRoute,
} from '../feedback/routes.ts';

const feedback = anonymousFeedback();
type Headers = Readonly<Record<string, string | undefined>>;
const receiptOf = (headers: Headers) => headers['feedback-receipt'] ?? '';
/** The token of the Feedback-Token header; a missing or malformed one is no token at all. */
const tokenOf = (headers: Headers) => {
  const parsed = FeedbackTokenHeader.safeParse(headers['feedback-token'] ?? '');
  return parsed.success ? parsed.data : { epoch: '', message: '', signature: '' };
};

/**
 * The author's side of anonymous feedback: no identity is taken, and this function logs nothing of its
 * requests (its logger is silent; the CDK keeps Lambda's own request lines out too).
 */
export const handler = httpApi(
  [
    bindRoute(submitFeedbackRoute, async ({ headers, body }) => ({
      status: 201,
      body: await feedback.submit({ token: tokenOf(headers), ...body }),
    })),
    bindRoute(checkFeedbackRoute, async ({ headers, body }) => ({
      status: 200,
      body: await feedback.check(tokenOf(headers), body.text),
    })),
    bindRoute(getFeedbackThreadRoute, async ({ headers }) => ({
      status: 200,
      body: await feedback.thread(receiptOf(headers)),
    })),
    bindRoute(answerFeedbackThreadRoute, async ({ headers, body }) => ({
      status: 201,
      body: await feedback.answer(receiptOf(headers), body.text),
    })),
  ],
  anonymousApiOptions(),
);
