import { createHash, randomBytes } from 'node:crypto';
import {
  coarsenedGroup,
  epochOf,
  type Feedback,
  type FeedbackMessage,
  type FeedbackTopic,
  feedbackTopics,
  previousEpoch,
} from '#domain/communication/feedback.ts';
import { summarizeFeedback } from '#domain/communication/feedbackSummary.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  requireVersion,
  StaleVersionError,
} from '#kernel/errors.ts';
import { everyPage, type PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { localDate } from '#kernel/time.ts';
import type { FeedbackKeys, FeedbackStore } from '#ports/communication/index.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';

export interface FeedbackDeps {
  feedback: FeedbackStore;
  keys: FeedbackKeys;
  employees: Pick<EmployeeStore, 'get' | 'getMany' | 'listByStatus'>;
  departments: Pick<DepartmentStore, 'list'>;
  clock: Clock;
  timeZone: string;
  /** Items one person may give a month. */
  perMonth: number;
}

/** A token as the client finished it: the month, the prepared message and its signature (base64url). */
export interface FeedbackToken {
  epoch: string;
  message: string;
  signature: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
export const feedbackAlgorithm = 'RSABSSA-SHA384-PSS-Randomized';

/**
 * Anonymous feedback that nobody can trace, the operator included. Signed in, an employee obtains up
 * to `perMonth` blind signatures a month (who got how many is kept, not what was signed). Signed out,
 * a finished token buys one item: its signature is checked, its hash is marked spent in the same
 * transaction as the item, and nothing of the request is kept. The author's receipt opens the thread.
 */
export function makeFeedback(deps: FeedbackDeps) {
  const { feedback, keys, clock } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);

  const current = async (actor: Principal) => {
    const me = await deps.employees.get(actor.employeeId);
    if (!me || me.status === 'left')
      throw new PermissionDeniedError('Only people who work here give feedback.');
  };

  /** A genuine token of this month or the last; its hash, which marks it spent. */
  const checkToken = async (token: FeedbackToken) => {
    const epoch = epochOf(today());
    if (token.epoch !== epoch && token.epoch !== previousEpoch(epoch))
      throw new PermissionDeniedError(
        'The token is not of this month or the last.',
        'feedback_token_invalid',
      );
    const message = fromBase64(token.message);
    const genuine = await keys.verify(token.epoch, message, fromBase64(token.signature)).catch(() => false);
    if (!genuine)
      throw new PermissionDeniedError('The token is not one this company signed.', 'feedback_token_invalid');
    return sha256(message);
  };

  /** Who could be a group of at least five: people per department (with those below) and per site. */
  const groupSizes = async (withSites = false) => {
    const people = (
      await Promise.all(
        (['active', 'resigning'] as const).map((s) =>
          everyPage((p) => deps.employees.listByStatus(s, p), 1000),
        ),
      )
    ).flat();
    const departments = await everyPage((p) => deps.departments.list(p), 1000);
    const byId = new Map(departments.map((d) => [d.id, d]));
    const size = new Map<string, number>();
    for (const person of people) {
      const seen = new Set<string>();
      for (
        let id: string | undefined = person.departmentId;
        id && !seen.has(id);
        id = byId.get(id)?.parentId
      ) {
        seen.add(id);
        size.set(id, (size.get(id) ?? 0) + 1);
      }
    }
    // Sites are on the full records only: read when a site is named.
    const sites = new Map<string, number>();
    if (withSites)
      for (const person of (await deps.employees.getMany(people.map((p) => p.id))).values())
        if (person.site) sites.set(person.site, (sites.get(person.site) ?? 0) + 1);
    return {
      department: (id: string) => {
        const d = byId.get(id);
        return d
          ? {
              size: size.get(id) ?? 0,
              name: d.nameEn ? `${d.name} ${d.nameEn}` : d.name,
              parentId: d.parentId,
            }
          : undefined;
      },
      site: (id: string) => (sites.has(id) ? { size: sites.get(id) ?? 0 } : undefined),
      people,
    };
  };

  const threadOf = async (item: Feedback) => ({
    id: item.id,
    day: item.day,
    topic: item.topic,
    ...(item.group ? { group: item.group } : {}),
    status: item.status,
    ...(item.outcome ? { outcome: item.outcome } : {}),
    messages: await feedback.messages(item.id),
  });

  const requireHr = (actor: Principal) => requirePermission(actor, 'feedback:manage');

  return {
    /** The month's public key and how many tokens the caller may still obtain. */
    async credentials(actor: Principal) {
      await current(actor);
      const epoch = epochOf(today());
      const issued = await feedback.issued(epoch, actor.employeeId);
      return {
        epoch,
        algorithm: feedbackAlgorithm,
        publicKey: Buffer.from(await keys.publicKey(epoch)).toString('base64url'),
        limit: deps.perMonth,
        issued,
        remaining: Math.max(0, deps.perMonth - issued),
      };
    },

    /** Blind signatures of the caller's blinded messages, counted against their month. */
    async issue(actor: Principal, blinded: readonly string[]) {
      await current(actor);
      const epoch = epochOf(today());
      const messages = blinded.map(fromBase64);
      const quota = (had: number) =>
        new ConflictError(
          'feedback_quota_reached',
          `At most ${deps.perMonth} feedback tokens a month; ${had} obtained.`,
        );
      const had = await feedback.issued(epoch, actor.employeeId);
      if (had + messages.length > deps.perMonth) throw quota(had);
      // Signed before counted: nothing leaves unless it is counted, and a bad message counts nothing.
      const signatures = await keys.blindSign(epoch, messages).catch((error: unknown) => {
        if ((error as Error).name !== 'UnsignableMessageError') throw error;
        throw new InvalidInputError('A blinded message does not fit this month’s key.', [
          { field: 'blindedMessages', message: 'Each is the key’s length (256 bytes) and below its modulus' },
        ]);
      });
      const issued = await feedback.countIssued(epoch, actor.employeeId, messages.length, deps.perMonth);
      // Another request of theirs counted first.
      if (issued === undefined) throw quota(await feedback.issued(epoch, actor.employeeId));
      return {
        epoch,
        algorithm: feedbackAlgorithm,
        blindSignatures: signatures.map((s) => Buffer.from(s).toString('base64url')),
        remaining: deps.perMonth - issued,
      };
    },

    /** One item for one token, from nobody; its receipt is returned once and kept only as a hash. */
    async submit(input: {
      token: FeedbackToken;
      topic: FeedbackTopic;
      text: string;
      group?: { kind: 'department' | 'site'; id: string } | undefined;
    }) {
      const tokenHash = await checkToken(input.token);
      const day = today();
      const sizes = input.group ? await groupSizes(input.group.kind === 'site') : undefined;
      const group = input.group && sizes ? coarsenedGroup(input.group, sizes) : undefined;
      const receipt = randomBytes(32).toString('base64url');
      const item: Feedback = {
        id: `F${randomBytes(12).toString('hex')}`,
        day,
        topic: input.topic,
        text: input.text,
        ...(group ? { group } : {}),
        status: 'received',
        messages: 1,
        version: 1,
      };
      const first: FeedbackMessage = { seq: 1, from: 'author', day, text: input.text };
      if (!(await feedback.create(item, first, sha256(receipt), tokenHash)))
        throw new ConflictError('feedback_token_spent', 'This token was spent already.');
      return { receipt, day, ...(group ? { group } : {}) };
    },

    /** The thread as its author reads it, by receipt. */
    async thread(receipt: string) {
      const item = receipt ? await feedback.byReceipt(sha256(receipt)) : undefined;
      if (!item) throw new NotFoundError('Feedback for this receipt');
      return threadOf(item);
    },

    /**
     * The author answers, by receipt. HR is not told at that moment: a notification's time would be
     * finer than the day, and a moment can be matched with who was using the product then.
     */
    async answer(receipt: string, text: string) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const item = receipt ? await feedback.byReceipt(sha256(receipt)) : undefined;
        if (!item) throw new NotFoundError('Feedback for this receipt');
        const message: FeedbackMessage = { seq: item.messages + 1, from: 'author', day: today(), text };
        if (await feedback.addMessage(item, message)) return threadOf({ ...item, messages: message.seq });
      }
      throw new StaleVersionError();
    },

    /** Before sending: what in a text could point at someone — colleagues' names, ids, addresses, phones. */
    async check(token: FeedbackToken, text: string) {
      const tokenHash = await checkToken(token);
      if (await feedback.spent(tokenHash))
        throw new ConflictError('feedback_token_spent', 'This token was spent already.');
      const { people } = await groupSizes();
      const findings: { kind: string; text: string; start: number }[] = [];
      const find = (kind: string, pattern: RegExp) => {
        for (const match of text.matchAll(pattern))
          findings.push({ kind, text: match[0], start: match.index ?? 0 });
      };
      for (const person of people)
        for (const name of [person.name, person.nameLatin].filter((n): n is string =>
          Boolean(n && n.length >= 2),
        )) {
          for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length))
            findings.push({ kind: 'colleague', text: name, start: at });
        }
      find('employeeId', /\bE\d{4,}\b/g);
      find('email', /[\w.+-]+@[\w-]+(\.[\w-]+)+/g);
      find('phone', /(\+?\d[\d -]{7,}\d)/g);
      return { findings: findings.sort((a, b) => a.start - b.start) };
    },

    async list(actor: Principal, page: PageRequest) {
      requireHr(actor);
      return feedback.list(page);
    },

    async read(actor: Principal, id: string) {
      requireHr(actor);
      const item = await feedback.get(id);
      if (!item) throw new NotFoundError(`Feedback ${id}`);
      return { ...(await threadOf(item)), text: item.text, version: item.version };
    },

    /** HR asks or answers in the thread, under their own name. */
    async reply(actor: Principal, id: string, text: string) {
      requireHr(actor);
      for (let attempt = 0; attempt < 3; attempt++) {
        const item = await feedback.get(id);
        if (!item) throw new NotFoundError(`Feedback ${id}`);
        const message: FeedbackMessage = {
          seq: item.messages + 1,
          from: 'hr',
          by: actor.employeeId,
          day: today(),
          text,
        };
        if (await feedback.addMessage(item, message)) return threadOf({ ...item, messages: message.seq });
      }
      throw new StaleVersionError();
    },

    /** Investigating, or resolved with the outcome HR publishes to the author's thread. */
    async setStatus(
      actor: Principal,
      id: string,
      change: { status: Feedback['status']; outcome?: string | undefined },
      expectedVersion: number | undefined,
    ) {
      requireHr(actor);
      const before = await feedback.get(id);
      if (!before) throw new NotFoundError(`Feedback ${id}`);
      requireVersion(before.version, expectedVersion);
      if (change.status === 'resolved' && !change.outcome)
        throw new InvalidInputError('A resolved item says its outcome.', [
          { field: 'outcome', message: 'Required when resolved' },
        ]);
      const after: Feedback = {
        ...before,
        status: change.status,
        ...(change.outcome ? { outcome: change.outcome } : {}),
        version: before.version + 1,
      };
      if (!change.outcome) delete after.outcome;
      if (!(await feedback.update(before, after))) throw new StaleVersionError();
      return { ...(await threadOf(after)), text: after.text, version: after.version };
    },

    /** Counts by group and topic, with nothing shown that is small enough to point at people. */
    async summary(actor: Principal, since?: string) {
      requireHr(actor);
      const items = (await everyPage((p) => feedback.list(p), 1000)).filter((i) => !since || i.day >= since);
      return summarizeFeedback(items, feedbackTopics);
    },
  };
}
