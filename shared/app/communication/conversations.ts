import { randomBytes } from 'node:crypto';
import { type Conversation, type ConversationMessage, conversationId } from '#domain/communication/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, NotFoundError, StaleVersionError } from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { ConversationStore } from '#ports/communication/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { Messenger } from './messenger.ts';

export interface ConversationDeps {
  conversations: ConversationStore;
  employees: Pick<EmployeeStore, 'get'>;
  tell: Messenger;
  clock: Clock;
}

/**
 * A direct conversation between HR and one employee, delivered through each person's channels. HR
 * (`conversation:hold`) starts one with someone, or takes a request for a talk by answering it; from
 * then on the two sides and HR's leads (`conversation:oversee`) see it, and nobody else.
 */
export function makeConversations({ conversations, employees, tell, clock }: ConversationDeps) {
  const holds = (actor: Principal) => actor.permissions.has('conversation:hold');
  const oversees = (actor: Principal) => actor.permissions.has('conversation:oversee');
  const mayRead = (actor: Principal, c: Conversation) =>
    c.employeeId === actor.employeeId ||
    c.hrId === actor.employeeId ||
    oversees(actor) ||
    (c.status === 'requested' && holds(actor));
  const link = (id: string) => `/v1/conversations/${id}`;

  const visible = async (actor: Principal, id: string) => {
    const c = await conversations.get(id);
    if (!c || !mayRead(actor, c)) throw new NotFoundError(`Conversation ${id}`);
    return c;
  };
  const withThread = async (c: Conversation) => ({ ...c, thread: await conversations.messages(c.id) });

  return {
    /** HR with someone (`employeeId`), or anyone asking HR for a talk (no `employeeId`). */
    async start(actor: Principal, input: { employeeId?: string | undefined; subject: string; text: string }) {
      const withSomeone = input.employeeId !== undefined && input.employeeId !== actor.employeeId;
      if (withSomeone) {
        requirePermission(actor, 'conversation:hold');
        const employee = await employees.get(input.employeeId as string);
        if (!employee || employee.status === 'left')
          throw new InvalidInputError(
            `${input.employeeId} does not work here.`,
            [{ field: 'employeeId', message: `${input.employeeId} does not work here` }],
            'reference_not_found',
          );
      }
      const now = clock.now();
      const at = now.toISOString();
      const c: Conversation = {
        id: conversationId(now, randomBytes(4).toString('hex')),
        employeeId: withSomeone ? (input.employeeId as string) : actor.employeeId,
        ...(withSomeone ? { hrId: actor.employeeId } : {}),
        subject: input.subject,
        status: withSomeone ? 'open' : 'requested',
        startedBy: actor.employeeId,
        startedAt: at,
        lastMessageAt: at,
        messages: 1,
        version: 1,
      };
      const first: ConversationMessage = { seq: 1, by: actor.employeeId, at, text: input.text };
      if (!(await conversations.create(c, first))) throw new StaleVersionError();
      await tell(
        withSomeone ? [{ employeeId: c.employeeId }] : [{ shared: 'hr' }],
        'conversation.message',
        {
          subject: c.subject,
        },
        { link: link(c.id), dedupeKey: `conversation:${c.id}:1` },
      );
      return withThread(c);
    },

    /**
     * `mine`: those one is the employee of; `held`: those one holds for HR; `requests`: talks asked
     * for that nobody in HR holds yet (HR). Each newest first, page by page.
     */
    async list(
      actor: Principal,
      scope: 'mine' | 'held' | 'requests',
      page: PageRequest,
    ): Promise<PageResult<Conversation>> {
      if (scope === 'mine') return conversations.listOf(actor.employeeId, 'employee', page);
      requirePermission(actor, 'conversation:hold');
      return scope === 'held'
        ? conversations.listOf(actor.employeeId, 'hr', page)
        : conversations.requests(page);
    },

    async read(actor: Principal, id: string) {
      return withThread(await visible(actor, id));
    },

    /** A side writes; an HR member answering a request takes it. The other side is told. */
    async post(actor: Principal, id: string, text: string) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = await visible(actor, id);
        const takes = before.status === 'requested' && before.employeeId !== actor.employeeId;
        if (!takes && before.employeeId !== actor.employeeId && before.hrId !== actor.employeeId)
          throw new NotFoundError(`Conversation ${id}`);
        const at = clock.now().toISOString();
        const message: ConversationMessage = { seq: before.messages + 1, by: actor.employeeId, at, text };
        const after: Conversation = {
          ...before,
          ...(takes ? { hrId: actor.employeeId, status: 'open' as const } : {}),
          lastMessageAt: at,
          messages: message.seq,
          version: before.version + 1,
        };
        if (!(await conversations.update(before, after, message))) continue;
        const other =
          actor.employeeId === after.employeeId
            ? after.hrId
              ? [{ employeeId: after.hrId }]
              : [{ shared: 'hr' as const }]
            : [{ employeeId: after.employeeId }];
        await tell(
          other,
          'conversation.message',
          { subject: after.subject },
          {
            link: link(id),
            dedupeKey: `conversation:${id}:${message.seq}`,
          },
        );
        return withThread(after);
      }
      throw new StaleVersionError();
    },
  };
}
