import { blindRsaKeys } from '#adapters/aws/communication/blindRsaKeys.ts';
import { makeConversationStore } from '#adapters/aws/communication/conversationStore.ts';
import { makeFeedbackStore } from '#adapters/aws/communication/feedbackStore.ts';
import { makeInbox } from '#adapters/aws/communication/inbox.ts';
import { makeNoticeStore } from '#adapters/aws/communication/noticeStore.ts';
import { makeQuestionStore } from '#adapters/aws/communication/questionStore.ts';
import { secretsManagerKeyVault } from '#adapters/aws/communication/secretsManagerKeyVault.ts';
import { makeWeComChannel } from '#adapters/aws/communication/wecomChannel.ts';
import { wecomCallbackCrypto } from '#adapters/aws/communication/wecomCrypto.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { secretsManagerSecret } from '#adapters/aws/platform/secretValue.ts';
import { config, envNames } from '#adapters/config.ts';
import { silentLogger } from '#adapters/logger.ts';
import { resolvePort } from '#adapters/runtimePorts.ts';
import { makeAudienceResolver } from '#app/communication/audience.ts';
import { makeConversations } from '#app/communication/conversations.ts';
import { makeFeedback } from '#app/communication/feedback.ts';
import { makeMessenger } from '#app/communication/messenger.ts';
import { makeNoticeDelivery } from '#app/communication/noticeDelivery.ts';
import { makeNotices } from '#app/communication/notices.ts';
import { makeNotifications } from '#app/communication/notifications.ts';
import { makeQuestions } from '#app/communication/questions.ts';
import { makeWeComCallback } from '#app/communication/wecomCallback.ts';
import { once } from './once.ts';
import { accessStore, departmentStore, employeeStore } from './people.ts';
import { bus, clock, companyTimeZone, evidence, mailer, reports, scheduler, table } from './platform.ts';

/** Communication: notices to each person, the in-app inboxes, and telling people in the app and by mail. */
export const inbox = /* @__PURE__ */ once(() => makeInbox(dynamo, table(), clock));

/**
 * WeCom where the company configured it (its corp id set at deployment): the application's secret is
 * read from Secrets Manager on first use. Locally the runtime installs one that talks to the fake.
 */
const wecom = /* @__PURE__ */ once(() =>
  resolvePort('wecom', () => {
    if (!process.env[envNames.wecomCorpId]) return undefined;
    const secret = secretsManagerSecret(config('wecomSecret'));
    return {
      channel: makeWeComChannel(
        {
          apiBase: process.env[envNames.wecomApiBase] ?? 'https://qyapi.weixin.qq.com',
          corpId: config('wecomCorpId'),
          agentId: Number(config('wecomAgentId')),
          corpSecret: async () => (JSON.parse(await secret()) as { corpSecret: string }).corpSecret,
        },
        { dynamo, table: table(), clock },
      ),
      cardUrl: (link: string | undefined) => new URL(link ?? '/', config('wecomAppUrl')).toString(),
    };
  }),
);

export const messenger = /* @__PURE__ */ once(() =>
  makeMessenger({ notifier: inbox(), mailer: mailer(), employees: employeeStore(), wecom: wecom() }),
);

export const notificationsApi = () => makeNotifications({ inbox: inbox(), clock });

export const noticeStore = /* @__PURE__ */ once(() => makeNoticeStore(dynamo, table()));

export const noticesApi = () =>
  makeNotices({
    notices: noticeStore(),
    resolveAudience: makeAudienceResolver({
      employees: employeeStore(),
      departments: departmentStore(),
      access: accessStore(),
    }),
    employees: employeeStore(),
    files: reports(),
    evidence: evidence(),
    bus: bus(),
    clock,
    timeZone: companyTimeZone(),
  });

export const noticeDelivery = () =>
  makeNoticeDelivery({
    notices: noticeStore(),
    tell: messenger(),
    bus: bus(),
    clock,
    timeZone: companyTimeZone(),
  });

/** The months' feedback keys: Secrets Manager in AWS, the local stand-in's folder (or memory) locally. */
const feedbackKeys = /* @__PURE__ */ once(() =>
  resolvePort('feedbackKeys', () => blindRsaKeys(secretsManagerKeyVault(config('feedbackKeyPrefix')))),
);

const feedbackWith = () =>
  makeFeedback({
    feedback: makeFeedbackStore(dynamo, table()),
    keys: feedbackKeys(),
    employees: employeeStore(),
    departments: departmentStore(),
    clock,
    timeZone: companyTimeZone(),
    perMonth: Number(config('feedbackPerMonth')),
  });

/** Tokens and HR's side of anonymous feedback (signed in). */
export const feedbackApi = feedbackWith;
/** The author's side (signed out). */
export const anonymousFeedback = feedbackWith;

/** The anonymous function's HTTP options: no account check, no idempotency records, a silent log. */
export const anonymousApiOptions = () => ({ logger: silentLogger });

/** Questions to HR and the FAQ; their deadlines are one-time schedules. */
export const questionsApi = () =>
  makeQuestions({
    questions: makeQuestionStore(table()),
    files: reports(),
    employees: employeeStore(),
    scheduler: scheduler(),
    tell: messenger(),
    clock,
    timeZone: companyTimeZone(),
    answerDays: Number(config('questionAnswerDays')),
  });

/** HR's private conversations with employees. */
export const conversationsApi = () =>
  makeConversations({
    conversations: makeConversationStore(table()),
    employees: employeeStore(),
    tell: messenger(),
    clock,
  });

/** WeCom's callback keys: the WeCom secret in AWS; the local runtime installs the fake's. */
const wecomKeys = /* @__PURE__ */ once(() =>
  resolvePort('wecomCallbackKeys', () => {
    if (!process.env[envNames.wecomCorpId]) return async () => undefined;
    const secret = secretsManagerSecret(config('wecomSecret'));
    return async () => {
      const { callbackToken, callbackAesKey } = JSON.parse(await secret()) as {
        callbackToken: string;
        callbackAesKey: string;
      };
      return { corpId: config('wecomCorpId'), callbackToken, callbackAesKey };
    };
  }),
);

export const wecomCallback = () =>
  makeWeComCallback({
    crypto: wecomCallbackCrypto(wecomKeys()),
    employees: employeeStore(),
    notices: noticesApi(),
  });
