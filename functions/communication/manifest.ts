import { noticePublished } from '#domain/communication/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { noticeRoutes } from './api/routes.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { anonymousFeedbackRoutes, feedbackRoutes } from './feedback/routes.ts';
import { questionRoutes } from './questions/routes.ts';
import { wecomRoutes } from './wecom/routes.ts';

export const communicationFunctions: readonly FunctionDefinition[] = [
  httpFunction(
    {
      area: 'communication',
      entry: 'functions/communication/api/handler.ts',
      description:
        'The direct line: notices, questions to HR and the FAQ, conversations, feedback tokens and the HR side of feedback',
      routes: [...noticeRoutes, ...feedbackRoutes, ...questionRoutes, ...conversationRoutes],
      needs: {
        tables: { hr: 'write', idempotency: 'write' },
        evidence: 'append',
        buckets: { reports: 'write' },
        eventBus: 'publish',
        cursorKey: true,
        feedbackKeys: 'sign',
        scheduler: 'manage',
        mail: 'send',
      },
    },
    // Publishing resolves and freezes an audience of thousands in the request.
    { timeoutSeconds: 29 },
  ),
  {
    id: 'AnonymousFeedback',
    entry: 'functions/communication/anonymous/handler.ts',
    description: 'Anonymous feedback from nobody: one item per token, its thread by receipt; logs nothing',
    triggers: [{ kind: 'http', routes: anonymousFeedbackRoutes }],
    needs: { tables: { hr: 'write' }, feedbackKeys: 'verify' },
    anonymous: true,
  },
  {
    id: 'WeComCallback',
    entry: 'functions/communication/wecom/handler.ts',
    description: "WeCom's callback: the URL check, and acknowledgements pressed on notice cards",
    triggers: [{ kind: 'http', routes: wecomRoutes }],
    needs: { tables: { hr: 'write' }, evidence: 'append', wecom: 'callback' },
  },
  {
    id: 'QuestionDeadlines',
    entry: 'functions/communication/questionDeadlines.ts',
    description: "A question's first answer is nearly due (a reminder) or overdue (an escalation)",
    triggers: [{ kind: 'scheduleTarget' }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 60,
  },
  {
    id: 'NoticeDelivery',
    entry: 'functions/communication/noticeDelivery.ts',
    description: "Delivers a notice's version: a receipt per recipient, then each told, from its checkpoint",
    triggers: [{ kind: 'event', events: [noticePublished] }],
    needs: { tables: { hr: 'write' }, eventBus: 'publish', mail: 'send' },
    timeoutSeconds: 900,
  },
  {
    id: 'NoticeReminders',
    entry: 'functions/communication/noticeReminders.ts',
    description:
      'Daily: reminds those who have not acknowledged a notice after its days; delivers on what stopped',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: { tables: { hr: 'write' }, eventBus: 'publish', mail: 'send' },
    timeoutSeconds: 900,
  },
];
