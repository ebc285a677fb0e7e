import { randomUUID } from 'node:crypto';
import type { SharedInbox } from '#domain/communication/notification.ts';
import { type MessageKey, type MessageParams, render, renderBoth } from '#domain/messages.ts';
import type { Notifier } from '#ports/communication/notifier.ts';
import type { WeComDelivery } from '#ports/communication/wecom.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { Mailer } from '#ports/platform/mailer.ts';

export type Recipient = { employeeId: string } | { shared: SharedInbox };

export interface MessengerDeps {
  notifier: Notifier;
  mailer: Mailer;
  employees: Pick<EmployeeStore, 'getMany'>;
  /** WeCom, where the company uses it: cards to people with a WeCom id, whose links open `cardUrl`. */
  wecom?: WeComDelivery | undefined;
}

/**
 * Tells people: each employee in their own language, in the app, and through WeCom where they have a
 * WeCom id, else (or when WeCom does not reach them) by e-mail; a shared inbox in both languages, in
 * the app. With a `dedupeKey`, a repeated sending (a retried task) tells nobody twice.
 */
export function makeMessenger(deps: MessengerDeps) {
  return async (
    recipients: readonly Recipient[],
    key: MessageKey,
    params: MessageParams,
    options: {
      dedupeKey?: string;
      data?: Record<string, unknown>;
      link?: string | undefined;
      /** On a WeCom card: a button whose press comes back through the callback (an acknowledgement). */
      wecomButton?: { key: string; text: string } | undefined;
    } = {},
  ): Promise<void> => {
    const unique = [
      ...new Map(recipients.map((r) => ['employeeId' in r ? r.employeeId : `#${r.shared}`, r])).values(),
    ];
    const people = await deps.employees.getMany(
      unique.flatMap((r) => ('employeeId' in r ? [r.employeeId] : [])),
    );
    const data = {
      ...(options.data ? { data: options.data } : {}),
      ...(options.link ? { link: options.link } : {}),
    };
    const drafts = unique.map((recipient) => {
      const dedupe = options.dedupeKey
        ? { dedupeKey: `${options.dedupeKey}|${JSON.stringify(recipient)}` }
        : {};
      if ('shared' in recipient)
        return { to: recipient, notification: { kind: key, ...renderBoth(key, params), ...data }, ...dedupe };
      const person = people.get(recipient.employeeId);
      const text = render(key, person?.locale === 'en' ? 'en' : 'zh-CN', params);
      return { to: recipient, notification: { kind: key, ...text, ...data }, ...dedupe, person, text };
    });
    const fresh = await deps.notifier.notify(
      drafts.map(({ to, notification, dedupeKey }) => ({
        to,
        notification,
        ...(dedupeKey ? { dedupeKey } : {}),
      })),
    );
    const toTell = drafts.filter((draft, n) => fresh[n] && 'person' in draft && draft.person);
    const reached = new Set<string>();
    if (deps.wecom) {
      // One card per language, to everyone of it with a WeCom id; one sending per key, however often.
      const byLocale = Map.groupBy(
        toTell.filter((d) => 'person' in d && d.person?.wecomUserId),
        (d) => ('text' in d ? d.text.title : ''),
      );
      for (const [, group] of byLocale) {
        const first = group[0];
        if (!first || !('text' in first)) continue;
        const ids = group.flatMap((d) =>
          'person' in d && d.person?.wecomUserId ? [d.person.wecomUserId] : [],
        );
        const outcome = await deps.wecom.channel.sendCard(
          ids,
          {
            title: first.text.title,
            description: first.text.body,
            url: deps.wecom.cardUrl(options.link),
            ...(options.wecomButton ? { button: options.wecomButton } : {}),
          },
          `${options.dedupeKey ?? randomUUID()}|${first.text.title}|${ids.join('|')}`,
        );
        for (const id of outcome.delivered) reached.add(id);
      }
    }
    for (const draft of toTell) {
      if (!('person' in draft) || !draft.person?.workEmail) continue;
      if (draft.person.wecomUserId && reached.has(draft.person.wecomUserId)) continue;
      await deps.mailer.send({
        to: draft.person.workEmail,
        subject: draft.text.title,
        text: options.link ? `${draft.text.body}\n\n${options.link}` : draft.text.body,
      });
    }
  };
}

export type Messenger = ReturnType<typeof makeMessenger>;
