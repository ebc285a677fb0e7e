import { NotFoundError } from '#domain/errors.ts';
import type { Inbox } from '#domain/notification.ts';
import { type Principal, requirePermission } from '#domain/principal.ts';
import type { Clock } from '#ports/clock.ts';
import type { InboxStore } from '#ports/notifier.ts';
import type { PageRequest } from '#ports/pages.ts';

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
    async markRead(actor: Principal, name: InboxName, noticeId: string): Promise<void> {
      const found = await deps.inbox.markRead(inboxOf(actor, name), noticeId, deps.clock.now().toISOString());
      if (!found) throw new NotFoundError(`Notice ${noticeId}`);
    },
  };
}
