import { makeInbox } from '#adapters/aws/communication/inbox.ts';
import { makeNoticeStore } from '#adapters/aws/communication/noticeStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeAudienceResolver } from '#app/communication/audience.ts';
import { makeMessenger } from '#app/communication/messenger.ts';
import { makeNoticeDelivery } from '#app/communication/noticeDelivery.ts';
import { makeNotices } from '#app/communication/notices.ts';
import { makeNotifications } from '#app/communication/notifications.ts';
import { once } from './once.ts';
import { accessStore, departmentStore, employeeStore } from './people.ts';
import { bus, clock, companyTimeZone, evidence, mailer, reports, table } from './platform.ts';

/** Communication: notices to each person, the in-app inboxes, and telling people in the app and by mail. */
export const inbox = /* @__PURE__ */ once(() => makeInbox(dynamo, table(), clock));

export const messenger = /* @__PURE__ */ once(() =>
  makeMessenger({ notifier: inbox(), mailer: mailer(), employees: employeeStore() }),
);

export const notificationsApi = () => makeNotifications({ inbox: inbox(), clock });

const noticeStore = /* @__PURE__ */ once(() => makeNoticeStore(dynamo, table()));

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
