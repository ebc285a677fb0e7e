import type { SharedInbox } from '#domain/communication/notification.ts';
import { type MessageKey, type MessageParams, render, renderBoth } from '#domain/messages.ts';
import type { Notifier } from '#ports/communication/notifier.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { Mailer } from '#ports/platform/mailer.ts';

export type Recipient = { employeeId: string } | { shared: SharedInbox };

export interface MessengerDeps {
  notifier: Notifier;
  mailer: Mailer;
  employees: Pick<EmployeeStore, 'getMany'>;
}

/**
 * Tells people: each employee in their own language, in the app and by e-mail; a shared inbox in both
 * languages, in the app. With a `dedupeKey`, a repeated sending (a retried task) tells nobody twice.
 */
export function makeMessenger(deps: MessengerDeps) {
  return async (
    recipients: readonly Recipient[],
    key: MessageKey,
    params: MessageParams,
    options: { dedupeKey?: string; data?: Record<string, unknown>; link?: string | undefined } = {},
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
    for (const [n, draft] of drafts.entries()) {
      if (!fresh[n] || !('person' in draft) || !draft.person?.workEmail) continue;
      await deps.mailer.send({
        to: draft.person.workEmail,
        subject: draft.text.title,
        text: options.link ? `${draft.text.body}\n\n${options.link}` : draft.text.body,
      });
    }
  };
}

export type Messenger = ReturnType<typeof makeMessenger>;
