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
    for (const recipient of unique) {
      const dedupe = options.dedupeKey
        ? { dedupeKey: `${options.dedupeKey}|${JSON.stringify(recipient)}` }
        : {};
      const data = {
        ...(options.data ? { data: options.data } : {}),
        ...(options.link ? { link: options.link } : {}),
      };
      if ('shared' in recipient) {
        await deps.notifier.notify(recipient, { kind: key, ...renderBoth(key, params), ...data }, dedupe);
        continue;
      }
      const person = people.get(recipient.employeeId);
      const text = render(key, person?.locale === 'en' ? 'en' : 'zh-CN', params);
      const fresh = await deps.notifier.notify(recipient, { kind: key, ...text, ...data }, dedupe);
      if (fresh && person?.workEmail)
        await deps.mailer.send({
          to: person.workEmail,
          subject: text.title,
          text: options.link ? `${text.body}\n\n${options.link}` : text.body,
        });
    }
  };
}

export type Messenger = ReturnType<typeof makeMessenger>;
