import { randomBytes } from 'node:crypto';
import {
  type FaqEntry,
  type NewFaqEntry,
  type NewQuestion,
  type Question,
  type QuestionMessage,
  questionAttachmentKeys,
  questionId,
  questionSchedules,
  reminderLeadMs,
  workingDaysAfter,
} from '#domain/communication/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  requireVersion,
  StaleVersionError,
} from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { QuestionStore } from '#ports/communication/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';
import type { Scheduler } from '#ports/platform/scheduler.ts';
import { makeAttachments } from './attachments.ts';
import type { Messenger } from './messenger.ts';

export interface QuestionDeps {
  questions: QuestionStore;
  files: ObjectStore;
  employees: Pick<EmployeeStore, 'get'>;
  scheduler: Scheduler;
  tell: Messenger;
  clock: Clock;
  timeZone: string;
  /** Working days within which a first answer is due. */
  answerDays: number;
}

export const questionDeadlinesTarget = 'QuestionDeadlines';

export interface QuestionChange {
  assigneeId?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  rating?: number | undefined;
}

/**
 * Questions to HR, answered in time. The asker and HR see a question and its thread, nobody else.
 * Its first answer is due within the company's working days: a schedule reminds whoever owes it a
 * few hours before, another escalates to the assignee's manager and HR's inbox after; the first
 * answer cancels both, and a late one finds it answered and does nothing.
 */
export function makeQuestions(deps: QuestionDeps) {
  const { questions, scheduler, tell, clock } = deps;
  const uploads = makeAttachments(deps.files, clock, questionAttachmentKeys.upload);
  const isHr = (actor: Principal) => actor.permissions.has('question:answer');
  const link = (id: string) => `/v1/questions/${id}`;

  const visible = async (actor: Principal, id: string) => {
    const question = await questions.get(id);
    if (!question || (question.askerId !== actor.employeeId && !isHr(actor)))
      throw new NotFoundError(`Question ${id}`);
    return question;
  };
  const withThread = async (question: Question) => ({
    ...question,
    attachments: await uploads.withLinks(question.attachments, (a) =>
      questionAttachmentKeys.kept(question.id, a),
    ),
    thread: await questions.messages(question.id),
  });

  /** Writes the next state, reading again when someone else wrote first. */
  const changing = async (
    actor: Principal,
    id: string,
    next: (before: Question) => { after: Question; message?: QuestionMessage },
  ) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await visible(actor, id);
      const { after, message } = next(before);
      if (await questions.update(before, after, message)) return { before, after };
    }
    throw new StaleVersionError();
  };

  return {
    /** A link to upload one file (PUT, that content type) for a question about to be asked. */
    attachmentUpload: (_actor: Principal, contentType: string) => uploads.uploadLink(contentType),

    async ask(actor: Principal, input: NewQuestion) {
      const now = clock.now();
      const at = now.toISOString();
      const due = workingDaysAfter(now, deps.answerDays, deps.timeZone);
      const id = questionId(now, randomBytes(4).toString('hex'));
      const question: Question = {
        id,
        attachments: await uploads.keep(input.attachments, (a) => questionAttachmentKeys.kept(id, a)),
        askerId: actor.employeeId,
        category: input.category,
        subject: input.subject,
        status: 'open',
        askedAt: at,
        firstAnswerDue: due.toISOString(),
        messages: 1,
        updatedAt: at,
        version: 1,
      };
      const first: QuestionMessage = { seq: 1, from: 'asker', by: actor.employeeId, at, text: input.text };
      if (!(await questions.create(question, first))) throw new StaleVersionError();
      const reminder = new Date(due.getTime() - reminderLeadMs);
      if (reminder > now)
        await scheduler.schedule({
          name: questionSchedules.reminder(question.id),
          at: reminder,
          target: questionDeadlinesTarget,
          payload: { questionId: question.id, step: 'reminder' },
        });
      await scheduler.schedule({
        name: questionSchedules.escalation(question.id),
        at: due,
        target: questionDeadlinesTarget,
        payload: { questionId: question.id, step: 'escalation' },
      });
      await tell(
        [{ shared: 'hr' }],
        'question.asked',
        { subject: question.subject, due: due.toISOString() },
        {
          link: link(question.id),
          dedupeKey: `question:${question.id}:asked`,
        },
      );
      return withThread(question);
    },

    async list(actor: Principal, scope: 'mine' | 'all', page: PageRequest) {
      if (scope === 'mine') return questions.listOf(actor.employeeId, page);
      requirePermission(actor, 'question:answer');
      return questions.list(page);
    },

    async read(actor: Principal, id: string) {
      return withThread(await visible(actor, id));
    },

    /** The asker writes (which reopens an answered or closed question), or HR answers. */
    async post(actor: Principal, id: string, text: string) {
      const at = clock.now().toISOString();
      const { before, after } = await changing(actor, id, (q) => {
        const fromHr = q.askerId !== actor.employeeId;
        const message: QuestionMessage = {
          seq: q.messages + 1,
          from: fromHr ? 'hr' : 'asker',
          by: actor.employeeId,
          at,
          text,
        };
        return {
          after: {
            ...q,
            status: fromHr ? 'answered' : 'open',
            ...(fromHr && !q.firstAnsweredAt ? { firstAnsweredAt: at } : {}),
            ...(fromHr && !q.assigneeId ? { assigneeId: actor.employeeId } : {}),
            messages: message.seq,
            updatedAt: at,
            version: q.version + 1,
          },
          message,
        };
      });
      if (after.firstAnsweredAt && !before.firstAnsweredAt) {
        await scheduler.cancel(questionSchedules.reminder(id));
        await scheduler.cancel(questionSchedules.escalation(id));
      }
      const params = { subject: after.subject };
      if (after.status === 'answered')
        await tell([{ employeeId: after.askerId }], 'question.answered', params, {
          link: link(id),
          dedupeKey: `question:${id}:${after.messages}`,
        });
      else
        await tell(
          after.assigneeId ? [{ employeeId: after.assigneeId }] : [{ shared: 'hr' }],
          'question.replied',
          params,
          {
            link: link(id),
            dedupeKey: `question:${id}:${after.messages}`,
          },
        );
      return withThread(after);
    },

    /** HR assigns it; the asker closes, reopens or rates it; HR may close it too. */
    async change(actor: Principal, id: string, change: QuestionChange, expectedVersion: number | undefined) {
      const before = await visible(actor, id);
      requireVersion(before.version, expectedVersion);
      const asker = before.askerId === actor.employeeId;
      if (change.assigneeId !== undefined) {
        requirePermission(actor, 'question:answer');
        if (!(await deps.employees.get(change.assigneeId)))
          throw new InvalidInputError(
            `Employee ${change.assigneeId} does not exist.`,
            [{ field: 'assigneeId', message: `No employee ${change.assigneeId}` }],
            'reference_not_found',
          );
      }
      if (change.rating !== undefined) {
        if (!asker)
          throw new InvalidInputError('Only the asker rates the answer.', [
            { field: 'rating', message: 'Not yours to rate' },
          ]);
        if (!before.firstAnsweredAt)
          throw new ConflictError('question_unanswered', `Question ${id} has no answer to rate yet.`);
      }
      if (change.status === 'open' && !asker && before.status === 'closed')
        throw new InvalidInputError('Only the asker reopens a question.', [
          { field: 'status', message: 'Not yours to reopen' },
        ]);
      const after: Question = {
        ...before,
        ...(change.assigneeId !== undefined ? { assigneeId: change.assigneeId } : {}),
        ...(change.status ? { status: change.status } : {}),
        ...(change.rating !== undefined ? { rating: change.rating } : {}),
        updatedAt: clock.now().toISOString(),
        version: before.version + 1,
      };
      if (!(await questions.update(before, after))) throw new StaleVersionError();
      if (change.assigneeId && change.assigneeId !== before.assigneeId)
        await tell(
          [{ employeeId: change.assigneeId }],
          'question.assigned',
          { subject: after.subject },
          {
            link: link(id),
            dedupeKey: `question:${id}:assigned:${after.version}`,
          },
        );
      return withThread(after);
    },

    /** A deadline schedule fired: remind or escalate, unless the question was answered meanwhile. */
    async deadline(id: string, step: 'reminder' | 'escalation') {
      const question = await questions.get(id);
      if (!question || question.firstAnsweredAt) return 'answered';
      if (step === 'reminder' ? question.remindedAt : question.escalatedAt) return 'done before';
      const at = clock.now().toISOString();
      const after: Question = {
        ...question,
        ...(step === 'reminder' ? { remindedAt: at } : { escalatedAt: at }),
        updatedAt: at,
        version: question.version + 1,
      };
      if (!(await questions.update(question, after))) throw new StaleVersionError();
      const params = { subject: question.subject, due: question.firstAnswerDue };
      const options = { link: link(id), dedupeKey: `question:${id}:${step}` };
      if (step === 'reminder') {
        await tell(
          question.assigneeId ? [{ employeeId: question.assigneeId }] : [{ shared: 'hr' }],
          'question.reminder',
          params,
          options,
        );
        return 'reminded';
      }
      const lead = question.assigneeId
        ? (await deps.employees.get(question.assigneeId))?.managerId
        : undefined;
      await tell(
        [{ shared: 'hr' }, ...(lead ? [{ employeeId: lead }] : [])],
        'question.escalated',
        params,
        options,
      );
      return 'escalated';
    },

    /** HR publishes an answered question to the FAQ in words that do not name the asker. */
    async publishFaq(actor: Principal, input: NewFaqEntry): Promise<FaqEntry> {
      requirePermission(actor, 'question:answer');
      const question = await questions.get(input.questionId);
      if (!question) throw new NotFoundError(`Question ${input.questionId}`);
      if (!question.firstAnsweredAt)
        throw new ConflictError('question_unanswered', `Question ${question.id} has no answer yet.`);
      const asker = await deps.employees.get(question.askerId);
      const names = [question.askerId, asker?.name, asker?.nameLatin].filter((n): n is string => Boolean(n));
      const issues = (['question', 'answer'] as const).flatMap((part) =>
        (['zh-CN', 'en'] as const).flatMap((locale) =>
          names.some((n) => input[part][locale].toLowerCase().includes(n.toLowerCase()))
            ? [{ field: `${part}.${locale}`, message: 'Names the asker' }]
            : [],
        ),
      );
      if (issues.length > 0)
        throw new InvalidInputError('A FAQ entry names nobody; this one names the asker.', issues);
      const entry: FaqEntry = {
        id: `FAQ${randomBytes(8).toString('hex')}`,
        category: question.category,
        question: input.question,
        answer: input.answer,
        publishedAt: clock.now().toISOString(),
        publishedBy: actor.employeeId,
      };
      await questions.publishFaq(entry);
      return entry;
    },

    /** The FAQ for everyone, newest first; `q` finds words in either language. */
    async faq(q: string | undefined) {
      const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const entries = (await questions.faq()).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
      return entries.filter((e) => {
        const haystack = [e.question['zh-CN'], e.question.en, e.answer['zh-CN'], e.answer.en]
          .join('\n')
          .toLowerCase();
        return words.every((w) => haystack.includes(w));
      });
    },
  };
}
