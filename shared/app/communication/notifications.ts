import type { Inbox } from '#domain/communication/notification.ts';
import type { Clock } from '#kernel/clock.ts';
import { NotFoundError } from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { InboxStore } from '#ports/communication/notifier.ts';

/**
 * `mine` is the caller's own inbox; `hr` is the one HR shares (compliance summaries, escalations),
 * `admin_office` the admin office's (assets to take back).
 */
export type InboxName = 'mine' | 'hr' | 'admin_office';

function inboxOf(actor: Principal, name: InboxName): Inbox {
  if (name === 'mine') return { employeeId: actor.employeeId };
  requirePermission(actor, name === 'hr' ? 'offboarding:manage' : 'offboarding:confirm-assets');
  return { shared: name };
}

export function makeNotifications(deps: { inbox: InboxStore; clock: Clock }) {
  return {
    list(actor: Principal, name: InboxName, page: PageRequest) {
      return deps.inbox.list(inboxOf(actor, name), page);
    },
    async markRead(actor: Principal, name: InboxName, notificationId: string): Promise<void> {
      const found = await deps.inbox.markRead(
        inboxOf(actor, name),
        notificationId,
        deps.clock.now().toISOString(),
      );
      if (!found) throw new NotFoundError(`Notification ${notificationId}`);
    },
  };
}
